"""Hostile links, generated: the app never fails, keeps the good parts, and names the bad ones.

The oracle is a small model of the documented URL rules (README, "Sharing"), written here from
scratch: it reads the data's vocabulary, and takes nothing from geo.urlstate but the names of the
params (to notice a new one). Where Streamlit itself decides (the widget-bound year, status, mode
and corridor), the model states what Streamlit 1.67 was seen to do.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo import urlstate
from geo.atlas import HOME, choices_of
from geo.load import load_dataset
from geo.paths import DEFAULT_PATHS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DATASET = load_dataset(DEFAULT_PATHS)
CHOICES = choices_of(DATASET)
FIRST_YEAR, LAST_YEAR = CHOICES.years
SEGMENT_IDS = sorted(DATASET.segments)
LISTS = {"status": CHOICES.statuses, "mode": CHOICES.modes, "corridor": CHOICES.corridors}
KNOWN = {"year", *LISTS, "segment", "lat", "lon", "zoom"}
STREAMLITS = {"embed", "embed_options"}
UNMODELLED = {"q", "reader", "passage"}
"""The search box and the source reader: their params have tests of their own and are never
generated here (a random key must not hit one by chance)."""
SHOWN, MAX_LINES = 40, 6
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "**bold** :red[x] $$x$$",
    "{{7*7}}",
    "%3Cscript%3E",
    "\u202eevil",
    "a\nb\r\nc\td",
)


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# Strategies. Each part of a link is drawn absent, good or bad with equal chances, so that kept
# parts are tested as often as ignored ones; the oracle never sees which was meant. Bad values
# are out-of-range numbers, payloads, unicode, huge strings and repeated keys. Junk never parses
# as a number, so "not a number" is certain in the model.
junk = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=60),
    st.text(alphabet="é中😀\u200b\u00a0²٣-_. ", max_size=20),
    # Huge, yet all of them together stay under the 512 Ki characters above which Streamlit
    # ignores a whole query string.
    st.integers(1_000, 10_000).map(lambda n: "x" * n),
).filter(lambda text: not is_number(text))
numbers = st.one_of(
    st.floats(-400, 400).map(repr),
    st.sampled_from(["nan", "-inf", "1e400", "4e1", "1_0", "0x10"]),
    junk,
)
GOOD: dict[str, st.SearchStrategy[list[str]]] = {
    "year": st.integers(FIRST_YEAR, LAST_YEAR).map(lambda year: [str(year)]),
    "segment": st.one_of(
        st.sampled_from(SEGMENT_IDS),
        st.sampled_from(SEGMENT_IDS).map(lambda ident: f"  {ident}\u3000"),  # padding is dropped
    ).map(lambda ident: [ident]),
    # Ends of the ranges included: 85 is the map's latitude limit, not the globe's 90.
    "centre": st.tuples(
        st.one_of(st.floats(-85, 85).map(repr), st.sampled_from(["85", "-85.0", " 40 "])),
        st.one_of(st.floats(-180, 180).map(repr), st.sampled_from(["180", "-180.0", "4e1"])),
    ).map(list),
    "zoom": st.one_of(st.integers(3, 12).map(str), st.sampled_from(["07", " 8 "])).map(
        lambda zoom: [zoom]
    ),
}
BAD: dict[str, st.SearchStrategy[list[str]]] = {
    "year": st.one_of(
        st.integers(-(10**30), 10**30).map(str),
        st.sampled_from(["0", str(FIRST_YEAR - 1), str(LAST_YEAR + 1), "nan", "1e400", ""]),
        junk,
    ).map(lambda year: [year])
    | st.lists(st.integers(FIRST_YEAR, LAST_YEAR).map(str), min_size=2, max_size=3),
    "segment": st.one_of(
        st.sampled_from(SEGMENT_IDS).map(str.upper),
        st.from_regex(r"[a-z]+(-[a-z]+){1,3}", fullmatch=True),
        junk,
    ).map(lambda ident: [ident])
    # Unknown ids mixed with real ones: a repeated segment is ambiguous.
    | st.lists(st.sampled_from(SEGMENT_IDS) | junk, min_size=2, max_size=3),
    # One coordinate just out of range and the other good, or both anything.
    "centre": st.one_of(
        st.tuples(
            st.sampled_from(["85.00001", "-85.5", "89.9", "90", "-90"]),
            st.floats(-180, 180).map(repr),
        ),
        st.tuples(st.floats(-85, 85).map(repr), st.sampled_from(["180.0001", "-181", "359"])),
        st.tuples(numbers, numbers),
    ).map(list),
    "zoom": st.one_of(
        st.integers(-5, 30).filter(lambda zoom: not 3 <= zoom <= 12).map(str),
        st.sampled_from(["6.5", "+7", "1_0", "²", "٣", "\uff19", "1e1", "99999999999999", ""]),
        junk,
    ).map(lambda zoom: [zoom])
    | st.lists(st.integers(3, 12).map(str), min_size=2, max_size=2),
}
for name, known in LISTS.items():
    GOOD[name] = st.lists(st.sampled_from(known), min_size=1, max_size=4) | st.just([""])
    # At least one unknown value, mixed with known ones and empty strings.
    BAD[name] = st.tuples(
        st.lists(junk, min_size=1, max_size=2),
        st.lists(st.sampled_from(known) | st.just(""), max_size=3),
    ).flatmap(lambda pair: st.permutations(pair[0] + pair[1]))
unknown_keys = st.one_of(
    st.sampled_from(["utm_source", "YEAR", " year", "year[]", "Segment", "", "<script>"]),
    st.text(max_size=30),
).filter(lambda key: key not in KNOWN | STREAMLITS | UNMODELLED)


@st.composite
def links(draw: st.DrawFn) -> dict[str, list[str]]:
    """A query as parsed from a link: each key with its values, keys in link order."""
    query: dict[str, list[str]] = {}
    for part, good in GOOD.items():
        kind = draw(st.sampled_from(["absent", "good", "bad"]))
        if kind == "absent":
            continue
        values = draw(good if kind == "good" else BAD[part])
        if part != "centre":
            query[part] = values
        elif kind == "bad" and draw(st.booleans()):
            # Half a centre, or a repeated coordinate.
            query[draw(st.sampled_from(["lat", "lon"]))] = values[: draw(st.integers(1, 2))]
        else:
            query["lat"], query["lon"] = [values[0]], [values[1]]
    if draw(st.booleans()):
        query["embed"] = ["true"]
        if draw(st.booleans()):
            query["embed_options"] = [draw(st.sampled_from(["show_toolbar", "light_theme"]))]
    if draw(st.booleans()):
        for key in draw(st.lists(unknown_keys, unique=True, min_size=1, max_size=6)):
            query[key] = draw(st.lists(junk, min_size=1, max_size=2))
    ordered = draw(st.permutations(list(query)))
    return {key: query[key] for key in ordered}


def quoted(values: Sequence[str]) -> str:
    """How a notice repeats URL values: joined, whitespace collapsed, cut to 40 characters."""
    text = " ".join(", ".join(values).split())
    return f"“{text[: SHOWN - 1]}…”" if len(text) > SHOWN else f"“{text}”"


@dataclass
class Expected:
    """What the page must show for a link, per the documented rules."""

    year: int = LAST_YEAR
    lists: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in LISTS.items()}
    )
    segment: str | None = None
    centre: tuple[float, float] = (HOME.lat, HOME.lon)
    zoom: int = HOME.zoom
    notices: list[str] = field(default_factory=list)
    """The start of each notice, in the page's order: bound params first, then the rest."""
    kept: set[str] = field(default_factory=set)
    """Which of year, segment, centre and zoom the link set (for the statistics only)."""


def expect_year(values: list[str], out: Expected) -> None:
    # Streamlit drops empty repeats of a bound param and takes a lone remaining value.
    given = [value for value in values if value != ""]
    year = float(given[0]) if len(given) == 1 and is_number(given[0]) else math.nan
    good = year.is_integer() and FIRST_YEAR <= year <= LAST_YEAR
    if good:
        out.year = int(year)
        out.kept.add("year")
    if not (good and len(values) == 1):
        out.notices.append(f"Ignored year={quoted(values)}")


def expect_list(key: str, values: list[str], out: Expected) -> None:
    """A multi-choice filter: its known values kept, in link order, once each."""
    given = [value for value in values if value != ""]
    if not given:
        out.lists[key] = []  # "key=" alone: Streamlit's spelling of an empty selection
    kept = list(dict.fromkeys(value for value in given if value in LISTS[key]))
    if kept:
        out.lists[key] = kept
    bad = [value for value in given if value not in LISTS[key]]
    if bad:
        out.notices.append(f"Ignored {key}={quoted(bad)}")


def expect_segment(values: list[str], out: Expected) -> None:
    value = values[0].strip()
    if len(values) != 1:
        out.notices.append(f"Ignored segment={quoted(values)}: give it once.")
    elif value in DATASET.segments:
        out.segment = value
        out.kept.add("segment")
    elif value:
        out.notices.append(f"Ignored segment={quoted([value])}: no segment")


def expect_centre(query: dict[str, list[str]], out: Expected) -> None:
    """The centre as a pair: both numbers in range, or both ignored."""
    centre = []
    for key in ("lat", "lon"):
        values = query.get(key, [])
        if len(values) > 1:
            out.notices.append(f"Ignored {key}={quoted(values)}: give it once.")
        centre.append(float(values[0]) if len(values) == 1 and is_number(values[0]) else math.nan)
    lat, lon = centre
    if -85 <= lat <= 85 and -180 <= lon <= 180:  # False for nan
        out.centre = (round(lat, 4), round(lon, 4))
        out.kept.add("centre")
    else:
        shown = [*query.get("lat", ["(none)"]), *query.get("lon", ["(none)"])]
        out.notices.append(f"Ignored lat/lon {quoted(shown)}")


def expect_zoom(values: list[str], out: Expected) -> None:
    value = values[0].strip()
    if len(values) > 1:
        out.notices.append(f"Ignored zoom={quoted(values)}: give it once.")
    elif re.fullmatch("[0-9]+", value) and 3 <= int(value) <= 12:
        out.zoom = int(value)
        out.kept.add("zoom")
    else:
        out.notices.append(f"Ignored zoom={quoted([value])}")


def expect(query: dict[str, list[str]]) -> Expected:
    """The page a link must give, part by part, notices in the page's order."""
    out = Expected()
    if "year" in query:
        expect_year(query["year"], out)
    for key in LISTS:
        if key in query:
            expect_list(key, query[key], out)
    if "segment" in query:
        expect_segment(query["segment"], out)
    if "lat" in query or "lon" in query:
        expect_centre(query, out)
    if "zoom" in query:
        expect_zoom(query["zoom"], out)
    unknown = [key for key in query if key not in KNOWN | STREAMLITS]
    out.notices += [f"Ignored the unknown parameter {quoted([key])}." for key in unknown]
    if len(out.notices) > MAX_LINES:
        hidden = len(out.notices) - (MAX_LINES - 1)
        out.notices = [*out.notices[: MAX_LINES - 1], f"… and {hidden} more ignored parameters."]
    return out


def map_args(at: AppTest) -> dict[str, Any]:
    (component,) = [e for e in at.main if type(e).__name__ == "UnknownElement"]
    args: dict[str, Any] = json.loads(component.proto.json_args)
    return args


def run(query: dict[str, list[str]]) -> AppTest:
    # A fresh AppTest per link: a fresh session, as a reader opening the link gets.
    at = AppTest.from_file(APP, default_timeout=60)
    for key, values in query.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    return at.run()


def tally(query: dict[str, list[str]], want: Expected) -> None:
    """What kinds of link were drawn (pytest --hypothesis-show-statistics lists them), so a
    generator that stopped reaching a case shows."""
    for part, keys in (("year", ["year"]), ("segment", ["segment"]), ("centre", ["lat", "lon"]),
                       ("zoom", ["zoom"])):  # fmt: skip
        given = any(key in query for key in keys)
        event(f"{part} {'kept' if part in want.kept else 'ignored' if given else 'absent'}")
    event(f"{len(want.notices)} notice lines")


def check(query: dict[str, list[str]]) -> None:
    """Everything the page must show for one link."""
    want = expect(query)
    tally(query, want)
    at = run(query)
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == []
    lines = "\n".join(text.value for text in at.text).split("\n") if at.text else []
    assert len(lines) == len(want.notices), (lines, want.notices)
    for line, start in zip(lines, want.notices, strict=True):
        assert line.startswith(start), (line, start)
    warnings = [w.value for w in at.warning]
    assert warnings == (["Parts of the link were ignored; the rest of the view is restored."]
                        if want.notices else [])  # fmt: skip
    assert at.slider(key="year").value == want.year
    assert at.button_group(key="status").value == want.lists["status"]
    assert at.button_group(key="mode").value == want.lists["mode"]
    assert at.button_group(key="corridor").value == want.lists["corridor"]
    args = map_args(at)
    assert (tuple(args["center"]), args["zoom"]) == (want.centre, want.zoom)
    found = re.search(r"corridorAtlas\.current\.show\((.*)\);", args["feature_group"])
    assert found
    state = json.loads(found.group(1))
    assert (state["year"], state["selected"]) == (want.year, want.segment)
    header = re.sub(r"\\(.)", r"\1", at.sidebar.header[0].value)  # markdown escapes undone
    assert header == (DATASET.segments[want.segment].name if want.segment else "Sources")
    # URL values reach the page only as literal text (st.text), never as markdown or HTML.
    rendered = [e.value for e in (*at.markdown, *at.caption, *at.sidebar.markdown)]
    for value in (*rendered, json.dumps(args)):
        assert "alert(1)" not in value  # every script payload above calls it
    # The app drops what it ignored from the address bar.
    assert set(at.query_params) <= KNOWN | STREAMLITS


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: at 0.2 s a run, shrinking one failure took over five minutes. The failing
    # link is printed as generated, and derandomize makes every run draw the same links.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(links())
@example({"zoom": ["²"]})  # str.isdigit() accepted it and int() raised: the page failed
def test_a_hostile_link_never_breaks_the_page(query: dict[str, list[str]]) -> None:
    check(query)


def test_every_param_of_the_app_is_modelled_or_set_aside() -> None:
    """A new URL parameter must join the model above (or UNMODELLED, knowingly)."""
    assert {*urlstate.BOUND, *urlstate.OWN} == KNOWN | UNMODELLED
    assert set(urlstate.STREAMLIT_OWN) == STREAMLITS


def test_embed_gives_the_default_view_without_notices() -> None:
    """?embed=true is Streamlit's own (it hides the header and toolbar): not unknown to us."""
    at = run({"embed": ["true"], "embed_options": ["light_theme"]})
    assert not at.exception
    assert [w.value for w in at.warning] == [] and not at.text
    assert at.slider(key="year").value == LAST_YEAR
    assert at.button_group(key="corridor").value == list(CHOICES.corridors)
    args = map_args(at)
    assert (args["center"], args["zoom"]) == ([HOME.lat, HOME.lon], HOME.zoom)
    assert at.query_params == {"embed": "true", "embed_options": "light_theme"}
