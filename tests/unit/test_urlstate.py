"""URL state: table-driven cases of params to view state, notices, and the canonical query."""

from __future__ import annotations

import pytest

from geo import urlstate as url
from geo.urlstate import Choices, MapView, ViewState

HOME = MapView(41.5, 50.0, 5)
CHOICES = Choices(
    years=(2016, 2025),
    statuses=("proposed", "agreed", "operational"),
    modes=("rail", "road", "sea"),
    corridors=("instc", "zangezur"),
    segments=frozenset({"rasht-astara-railway", "zangezur-syunik-meghri"}),
    home=HOME,
)
DEFAULT = url.default_state(CHOICES)


@pytest.mark.parametrize(
    ("params", "segment", "view", "notices"),
    [
        ({}, None, HOME, ()),
        ({"segment": ["rasht-astara-railway"]}, "rasht-astara-railway", HOME, ()),
        ({"segment": [" rasht-astara-railway "]}, "rasht-astara-railway", HOME, ()),
        ({"segment": [""]}, None, HOME, ()),
        (
            {"segment": ["<script>alert(1)</script>"]},
            None,
            HOME,
            ("Ignored segment=“<script>alert(1)</script>”: no segment has that id.",),
        ),
        (
            {"segment": ["rasht-astara-railway", "zangezur-syunik-meghri"]},
            None,
            HOME,
            ("Ignored segment=“rasht-astara-railway, zangezur-syunik-m…”: give it once.",),
        ),
        ({"lat": ["38.1"], "lon": ["48.9"], "zoom": ["8"]}, None, MapView(38.1, 48.9, 8), ()),
        ({"lat": ["38.123456"], "lon": ["48.9"]}, None, MapView(38.1235, 48.9, 5), ()),
        ({"zoom": ["7"]}, None, MapView(41.5, 50.0, 7), ()),
        (
            {"zoom": ["99"]},
            None,
            HOME,
            ("Ignored zoom=“99”: expected a whole number from 3 to 12.",),
        ),
        (
            {"zoom": ["6.5"]},
            None,
            HOME,
            ("Ignored zoom=“6.5”: expected a whole number from 3 to 12.",),
        ),
        (
            {"lat": ["91"], "lon": ["48"], "zoom": ["6"]},
            None,
            MapView(41.5, 50.0, 6),
            (
                "Ignored lat/lon “91, 48”: expected a latitude from -85 to 85 "
                "and a longitude from -180 to 180.",
            ),
        ),
        (
            {"lat": ["nan"], "lon": ["inf"]},
            None,
            HOME,
            (
                "Ignored lat/lon “nan, inf”: expected a latitude from -85 to 85 "
                "and a longitude from -180 to 180.",
            ),
        ),
        (
            {"lat": ["40"]},
            None,
            HOME,
            (
                "Ignored lat/lon “40, (none)”: expected a latitude from -85 to 85 "
                "and a longitude from -180 to 180.",
            ),
        ),
        (
            {"foo": ["1"], "embed": ["true"], "year": ["2017"]},
            None,
            HOME,
            ("Ignored the unknown parameter “foo”.",),
        ),
        (
            {"x" * 100: ["1"]},
            None,
            HOME,
            ("Ignored the unknown parameter “" + "x" * 39 + "…”.",),
        ),
    ],
)
def test_read_own(
    params: dict[str, list[str]], segment: str | None, view: MapView, notices: tuple[str, ...]
) -> None:
    own = url.read_own(params, CHOICES)
    assert (own.segment, own.view, own.notices) == (segment, view, notices)


def state(**changes: object) -> ViewState:
    values = {**DEFAULT.__dict__, **changes}
    return ViewState(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("params", "resolved", "notices"),
    [
        ({}, DEFAULT, ()),
        ({"year": ["2017"]}, state(year=2017), ()),
        (
            {"year": ["abc"]},
            DEFAULT,
            ("Ignored year=“abc”: expected one year from 2016 to 2025; showing 2025.",),
        ),
        (
            {"year": ["2017", "2018"]},
            DEFAULT,
            ("Ignored year=“2017, 2018”: expected one year from 2016 to 2025; showing 2025.",),
        ),
        (
            {"year": ["2017.5"]},
            state(year=2017),
            ("Ignored year=“2017.5”: expected one year from 2016 to 2025; showing 2017.",),
        ),
        ({"status": ["agreed"]}, state(statuses=("agreed",)), ()),
        ({"status": [""]}, state(statuses=()), ()),
        (
            {"status": ["bogus", "agreed"]},
            state(statuses=("agreed",)),
            ("Ignored status=“bogus”: expected one of proposed, agreed, operational.",),
        ),
        (
            {"mode": ["<b>"], "corridor": ["nowhere"]},
            DEFAULT,
            (
                "Ignored mode=“<b>”: expected one of rail, road, sea.",
                "Ignored corridor=“nowhere”: expected one of instc, zangezur.",
            ),
        ),
    ],
)
def test_review_bound_explains_what_the_widgets_ignored(
    params: dict[str, list[str]], resolved: ViewState, notices: tuple[str, ...]
) -> None:
    assert url.review_bound(params, resolved, CHOICES) == notices


@pytest.mark.parametrize(
    ("view_state", "pairs"),
    [
        (DEFAULT, []),
        (state(year=2017), [("year", "2017")]),
        (
            state(statuses=("operational", "proposed")),
            [("status", "proposed"), ("status", "operational")],
        ),
        (state(statuses=()), [("status", "")]),
        (
            state(modes=("sea",), corridors=("zangezur",)),
            [("mode", "sea"), ("corridor", "zangezur")],
        ),
        (state(segment="rasht-astara-railway"), [("segment", "rasht-astara-railway")]),
        (
            state(view=MapView(38.25, 48.875, 8)),
            [("lat", "38.2500"), ("lon", "48.8750"), ("zoom", "8")],
        ),
    ],
)
def test_encode_state_leaves_defaults_out(
    view_state: ViewState, pairs: list[tuple[str, str]]
) -> None:
    assert url.encode_state(view_state, CHOICES) == pairs


@pytest.mark.parametrize(
    ("base", "view_state", "link"),
    [
        ("http://127.0.0.1:8501/", DEFAULT, "http://127.0.0.1:8501/"),
        ("http://h/app?old=1#x", state(year=2017), "http://h/app?year=2017"),
        (
            "http://h/",
            state(segment="rasht-astara-railway", statuses=("agreed",)),
            "http://h/?status=agreed&segment=rasht-astara-railway",
        ),
    ],
)
def test_share_link(base: str, view_state: ViewState, link: str) -> None:
    assert url.share_link(base, view_state, CHOICES) == link


def test_a_shared_link_reads_back_to_the_same_own_state() -> None:
    shared = state(segment="zangezur-syunik-meghri", view=MapView(39.1234, 46.2, 9))
    params: dict[str, list[str]] = {}
    for key, value in url.encode_state(shared, CHOICES):
        params.setdefault(key, []).append(value)
    own = url.read_own(params, CHOICES)
    assert (own.segment, own.view, own.notices) == (shared.segment, shared.view, ())


@pytest.mark.parametrize(
    ("reported", "view"),
    [
        ((38.123456, 48.98765, 7.0), MapView(38.1235, 48.9877, 7)),
        ((38.0, 408.0, 7.0), MapView(38.0, 48.0, 7)),
        ((89.0, 48.0, 30.0), MapView(85.0, 48.0, 12)),
        ((38.0, 48.0, 1.0), MapView(38.0, 48.0, 3)),
        ((float("nan"), 48.0, 5.0), HOME),
    ],
)
def test_clamp_view(reported: tuple[float, float, float], view: MapView) -> None:
    assert url.clamp_view(*reported, HOME) == view


def test_cap_keeps_a_few_notices_and_counts_the_rest() -> None:
    notices = [f"n{i}" for i in range(10)]
    assert url.cap(notices) == ("n0", "n1", "n2", "n3", "n4", "… and 5 more ignored parameters.")
    assert url.cap(notices[:6]) == tuple(notices[:6])


@pytest.mark.parametrize(
    ("after", "moved"),
    [
        (MapView(41.5086, 49.9878, 5), False),
        (MapView(41.6, 50.0, 5), True),
        (MapView(41.5, 50.0, 6), True),
        (MapView(41.5, 50.0, 10), True),
    ],
)
def test_moved_ignores_the_maps_own_rounding(after: MapView, moved: bool) -> None:
    assert url.moved(HOME, after) is moved


def test_two_pixels_shrink_as_the_map_zooms_in() -> None:
    close_up = MapView(41.5, 50.0, 10)
    assert url.moved(close_up, MapView(41.5, 50.004, 10))
    assert not url.moved(close_up, MapView(41.5, 50.0004, 10))


READER_CHOICES = Choices(
    years=(2016, 2025),
    statuses=("proposed",),
    modes=("rail",),
    corridors=("instc",),
    segments=frozenset({"rasht-astara-railway"}),
    home=HOME,
    passages=(("loan", "004.txt"), ("gauge", "004.txt"), ("visit", "000.txt")),
    seeds=frozenset({"000.txt", "001.txt", "004.txt"}),
)


@pytest.mark.parametrize(
    ("params", "reader", "passage", "notices"),
    [
        ({}, None, None, ()),
        ({"reader": ["001.txt"]}, "001.txt", None, ()),
        ({"passage": ["loan"]}, "004.txt", "loan", ()),
        ({"reader": ["004.txt"], "passage": ["loan"]}, "004.txt", "loan", ()),
        (
            {"reader": ["000.txt"], "passage": ["loan"]},
            "004.txt",
            "loan",
            ("Ignored reader=“000.txt”: that passage is in another source.",),
        ),
        (
            {"reader": ["../../etc/passwd"]},
            None,
            None,
            ("Ignored reader=“../../etc/passwd”: no source document has that name.",),
        ),
        (
            {"reader": ["004.txt"], "passage": ["<b>x</b>"]},
            "004.txt",
            None,
            ("Ignored passage=“<b>x</b>”: no quoted passage has that id.",),
        ),
        (
            {"passage": ["loan", "gauge"]},
            None,
            None,
            ("Ignored passage=“loan, gauge”: give it once.",),
        ),
        ({"reader": [""], "passage": [""]}, None, None, ()),
    ],
)
def test_reader_params(
    params: dict[str, list[str]], reader: str | None, passage: str | None, notices: tuple[str, ...]
) -> None:
    own = url.read_own(params, READER_CHOICES)
    assert (own.reader, own.passage, own.notices) == (reader, passage, notices)


def test_the_reader_is_part_of_the_canonical_query() -> None:
    state = ViewState(**{**vars(url.default_state(READER_CHOICES)), "reader": "004.txt"})
    with_passage = ViewState(**{**vars(state), "passage": "loan"})
    assert url.encode_state(state, READER_CHOICES) == [("reader", "004.txt")]
    assert url.encode_state(with_passage, READER_CHOICES) == [
        ("reader", "004.txt"),
        ("passage", "loan"),
    ]


@pytest.mark.parametrize(
    ("seed", "passage", "href"),
    [
        ("004.txt", "loan", "?reader=004.txt&passage=loan#passage-loan"),
        ("a b&c.txt", "x", "?reader=a+b%26c.txt&passage=x#passage-x"),
    ],
)
def test_context_href(seed: str, passage: str, href: str) -> None:
    assert url.context_href(seed, passage) == href


@pytest.mark.parametrize(
    ("current", "segment", "writes"),
    [
        ({}, None, {}),
        ({}, "rasht-astara-railway", {"segment": "rasht-astara-railway"}),
        ({"segment": "rasht-astara-railway"}, "rasht-astara-railway", {}),
        ({"segment": "rasht-astara-railway"}, None, {"segment": None}),
        (
            {"segment": "zangezur-syunik-meghri", "zoom": "5"},
            "rasht-astara-railway",
            {"segment": "rasht-astara-railway", "zoom": None},
        ),
    ],
)
def test_url_changes_touch_only_what_differs(
    current: dict[str, str], segment: str | None, writes: dict[str, str | None]
) -> None:
    state = ViewState(**{**vars(DEFAULT), "segment": segment})
    assert url.changes(current, state, CHOICES) == writes
