"""AppTest: the dashboard on the shipped data, URL to state, hostile URLs, the map's script."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from geo.assets import STATIC_DIR
from geo.atlas import HOME, choices_of
from geo.load import load_dataset
from geo.mapdata import read_mask
from geo.markdown import quote_block
from geo.paths import DATA_ROOT_VARIABLE, DEFAULT_PATHS
from geo.timeline import Filters, show_segments
from tests.app.apprun import loaded, run_app

REPO = Path(__file__).resolve().parents[2]
DATASET = load_dataset(DEFAULT_PATHS)
CHOICES = choices_of(DATASET)
ALL_IDS = sorted(DATASET.segments)


def map_args(at: AppTest) -> dict[str, Any]:
    """The arguments st_folium sent to the browser, including the generated map script."""
    (component,) = [e for e in at.main if type(e).__name__ == "UnknownElement"]
    args: dict[str, Any] = json.loads(component.proto.json_args)
    return args


def map_state(at: AppTest) -> dict[str, Any]:
    """The view state this run added to the map (geo.mapdata.view_state, as the browser gets it)."""
    script = map_args(at)["feature_group"]
    found = re.search(r"corridorAtlas\.current\.show\((.*)\);", script)
    assert found, script
    state: dict[str, Any] = json.loads(found.group(1))
    return state


def segment_file(at: AppTest) -> dict[str, Any]:
    """The segment file the map script loads, read from where the app published it."""
    found = re.search(r'"url": "\.\./\.\./app/static/([^"]+)"', map_args(at)["script"])
    assert found, "the base map names no segment file"
    document: dict[str, Any] = json.loads((STATIC_DIR / found.group(1)).read_text("utf-8"))
    return document


def drawn_ids(at: AppTest) -> list[str]:
    """The segments this run tells the browser to draw: its mask over the published file."""
    order = [segment["id"] for segment in segment_file(at)["segments"]]
    return sorted(read_mask(map_state(at)["shown"], order))


def notices(at: AppTest) -> str:
    return "\n".join(text.value for text in at.text)


def shown_ids(year: int, statuses: set[str] | None = None, modes: set[str] | None = None,
              corridors: set[str] | None = None) -> list[str]:  # fmt: skip
    filters = Filters(
        year,
        frozenset(statuses or CHOICES.statuses),
        frozenset(modes or CHOICES.modes),
        frozenset(corridors or CHOICES.corridors),
    )
    return sorted(item.segment.id for item in show_segments(DATASET, filters))


def test_default_view_draws_every_segment_without_notices() -> None:
    at = run_app()
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert [w.value for w in at.warning] == []
    assert at.slider(key="year").value == CHOICES.years[1]
    assert at.button_group(key="status").value == list(CHOICES.statuses)
    assert drawn_ids(at) == ALL_IDS
    args = map_args(at)
    assert (args["center"], args["zoom"]) == ([HOME.lat, HOME.lon], HOME.zoom)
    assert "Click a segment on the map" in at.sidebar.markdown[0].value


def test_the_first_run_draws_the_map_before_the_parts_under_it() -> None:
    at = run_app(segment="rasht-astara-railway")
    assert drawn_ids(at) == ALL_IDS
    assert at.sidebar.header[0].value == DATASET.segments["rasht-astara-railway"].name

    def under_the_map(at: AppTest) -> list[str]:
        toggles = {"table-button", "timeline-button", "link-button"}
        buttons = [b.key for b in at.main.button if b.key in toggles]
        downloads = [e.label for e in at.main if type(e).__name__ == "DownloadButton"]
        return [*buttons, *downloads]

    assert under_the_map(at) == []
    assert not at.sidebar.text_input, "the search box waits with them"
    # The next run (in the browser: the one the map's first report asks for) draws them.
    assert len(under_the_map(at.run())) == 5
    assert [box.key for box in at.sidebar.text_input] == ["q"]
    assert len(under_the_map(at.run())) == 5


def test_a_link_that_searches_shows_the_search_box_at_once() -> None:
    at = run_app(q="Meghri")
    assert [box.value for box in at.sidebar.text_input] == ["Meghri"]


def test_the_map_loads_its_assets_from_the_app_not_a_cdn() -> None:
    args = map_args(run_app())
    links = [*args["js_links"], *args["css_links"]]
    segment_file = re.search(r'"url": "([^"]+)"', args["script"])
    assert segment_file is not None
    assert links == [
        # First: it starts the segment file's request before Leaflet loads.
        f"../../app/static/atlas/prefetch.js?file={quote(segment_file[1], safe='')}",
        "../../app/static/vendor/leaflet/leaflet.js",
        "../../app/static/atlas/segments.js",
        "../../app/static/vendor/leaflet/leaflet.css",
    ]
    assert "cdn" not in args["script"] + args["header"]


def test_a_link_restores_filters_selection_and_view() -> None:
    at = run_app(
        year="2017", status=["financed", "agreed"], mode="rail", corridor="rasht-astara",
        segment="rasht-astara-railway", lat="38.5", lon="48.9", zoom="8",
    )  # fmt: skip
    assert not at.exception
    assert [w.value for w in at.warning] == []
    assert at.slider(key="year").value == 2017
    assert at.button_group(key="status").value == ["financed", "agreed"]
    assert at.button_group(key="mode").value == ["rail"]
    assert at.button_group(key="corridor").value == ["rasht-astara"]
    assert drawn_ids(at) == ["rasht-astara-railway"]
    args = map_args(at)
    assert (args["center"], args["zoom"]) == ([38.5, 48.9], 8)
    assert at.sidebar.header[0].value == DATASET.segments["rasht-astara-railway"].name
    facts = at.sidebar.markdown[0].value
    assert "**Status in 2017:** Financed \\(since 2017\\)" in facts
    assert "162 km as stated" in facts


def test_the_selected_segment_is_highlighted_and_its_quotes_listed() -> None:
    at = run_app(segment="rasht-astara-railway")
    assert map_state(at)["selected"] == "rasht-astara-railway"
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    for passage_id in DATASET.segments["rasht-astara-railway"].passages:
        assert quote_block(DATASET.passages[passage_id].text) + "\n\n— " in sidebar, passage_id


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2016"}, shown_ids(2016)),
        ({"year": "2021"}, shown_ids(2021)),
        ({"status": "disputed"}, shown_ids(2025, statuses={"disputed"})),
        ({"mode": "sea"}, shown_ids(2025, modes={"sea"})),
        (
            {"corridor": ["zangezur", "goris-kapan"]},
            shown_ids(2025, corridors={"zangezur", "goris-kapan"}),
        ),
        ({"year": "2019", "mode": "rail"}, shown_ids(2019, modes={"rail"})),
        ({"status": ""}, []),
    ],
)
def test_the_map_script_holds_exactly_the_visible_segments(
    params: dict[str, str], expected: list[str]
) -> None:
    at = run_app(**params)
    assert not at.exception
    assert drawn_ids(at) == expected
    # The map's legend counts what it draws, per status in the vocabulary's order.
    counts = map_state(at)["counts"]
    assert len(counts) == len(CHOICES.statuses)
    assert sum(counts) == len(expected)
    assert not at.dataframe, "the table waits for its toggle"
    button = loaded(at).button(key="table-button")
    assert button.label == f"Show the segment table ({len(expected)} shown)"
    button.click().run()
    assert len(at.dataframe[0].value) == len(expected)
    assert at.button(key="table-button").label.startswith("Hide the segment table")


def test_a_rerun_sends_the_map_no_geometry() -> None:
    """The segments travel once, as a static file; a rerun's map arguments stay small."""
    at = run_app(segment="rasht-astara-railway")
    args = map_args(at)
    assert len(args["feature_group"]) < 1_000
    assert len(json.dumps(args)) < 10_000
    assert "coordinates" not in json.dumps(args)
    assert len(segment_file(at)["segments"]) == len(ALL_IDS)


def test_a_segment_disappears_a_year_before_its_first_dated_status() -> None:
    first = DATASET.segments["zangezur-horadiz-aghband"].first_year
    assert "zangezur-horadiz-aghband" in drawn_ids(run_app(year=str(first)))
    assert "zangezur-horadiz-aghband" not in drawn_ids(run_app(year=str(first - 1)))


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"year": "abc"}, "Ignored year=“abc”: expected one year from 2016 to 2025; showing 2025."),
        ({"year": "1990"}, "Ignored year=“1990”"),
        ({"segment": "<script>alert(1)</script>"}, "Ignored segment=“<script>alert(1)</script>”"),
        (
            {"segment": "no-such-segment"},
            "Ignored segment=“no-such-segment”: no segment has that id.",
        ),
        ({"zoom": "99"}, "Ignored zoom=“99”: expected a whole number from 3 to 12."),
        ({"lat": "91", "lon": "20"}, "Ignored lat/lon “91, 20”"),
        ({"status": ["bogus", "agreed"]}, "Ignored status=“bogus”"),
        ({"mode": "<img src=x onerror=alert(1)>"}, "Ignored mode=“<img src=x onerror=alert(1)>”"),
        ({"utm_source": "x"}, "Ignored the unknown parameter “utm_source”."),
    ],
)
def test_a_bad_url_part_falls_back_alone_with_a_notice(params: dict[str, str], notice: str) -> None:
    at = run_app(**params, corridor="zangezur")
    assert not at.exception
    assert at.warning[0].value.startswith("Parts of the link were ignored")
    assert notice in notices(at)
    # The good part of the link is kept.
    assert at.button_group(key="corridor").value == ["zangezur"]
    args = json.dumps(map_args(at))
    assert "<script>alert" not in args
    assert "onerror=alert" not in args


def test_a_hostile_segment_never_reaches_html_unescaped() -> None:
    at = run_app(segment='"><img src=x onerror=alert(1)>')
    assert not at.exception
    assert at.sidebar.header[0].value == "Sources"
    rendered = [m.value for m in at.markdown] + [m.value for m in at.sidebar.markdown]
    assert not [value for value in rendered if "onerror" in value]


def test_the_share_link_is_the_canonical_query_of_the_view() -> None:
    at = loaded(run_app(year="2017", segment="rasht-astara-railway", foo="bar"))
    assert not at.code, "the link box waits for its toggle"
    at.button(key="link-button").click().run()
    assert at.code[0].value == "http://localhost:8501/?year=2017&segment=rasht-astara-railway"


def test_app_reports_a_broken_file_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data-set"
    for folder in ("seeds", "layers", "data"):
        shutil.copytree(REPO / folder, root / folder)
    passages = root / "data" / "passages.json"
    records = json.loads(passages.read_text(encoding="utf-8"))
    records[0]["start"] += 1
    passages.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.setenv(DATA_ROOT_VARIABLE, str(root))
    at = run_app()
    assert not at.exception
    assert "problem" in at.error[0].value
    assert f"data/passages.json: {records[0]['id']}: " in at.text[0].value
