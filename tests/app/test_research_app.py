"""AppTest: search from the URL, picking a hit, the timeline and the downloads."""

from __future__ import annotations

from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from geo.load import load_dataset
from geo.markdown import escape_markdown
from geo.paths import DEFAULT_PATHS
from geo.timeline import Filters, show_segments
from tests.app.apprun import loaded, run_app

DATASET = load_dataset(DEFAULT_PATHS)


def hit_buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.sidebar.button if (b.key or "").startswith("hit-")]


def test_a_search_link_lists_its_hits_and_a_pick_selects_the_segment() -> None:
    at = run_app(q="Meghri")
    assert not at.exception
    assert at.text_input(key="q").value == "Meghri"
    labels = hit_buttons(at)
    assert labels[0].startswith(escape_markdown(DATASET.segments["zangezur-syunik-meghri"].name))
    at = at.button(key="hit-0").click().run()
    assert at.sidebar.header[0].value == escape_markdown(
        DATASET.segments["zangezur-syunik-meghri"].name
    )
    assert at.query_params["segment"] == "zangezur-syunik-meghri"


def test_a_text_hit_puts_its_passage_first() -> None:
    at = run_app(q="gauges")
    at = at.button(key="hit-0").click().run()
    sidebar = [m.value for m in at.sidebar.markdown]
    captions = [c.value for c in at.sidebar.caption]
    assert "The passage your search found:" in captions
    quotes = [m for m in sidebar if m.startswith("> ")]
    assert "gauges" in quotes[0]


def test_a_corridor_hit_filters_to_that_corridor() -> None:
    at = run_app(q="Zangezur corridor")
    corridor = next(b for b in at.sidebar.button if "show only this corridor" in b.label)
    at = corridor.click().run()
    assert at.button_group(key="corridor").value == ["zangezur"]


def test_a_search_that_finds_nothing_says_so() -> None:
    at = run_app(q="<script>alert(1)</script>")
    assert not at.exception
    assert hit_buttons(at) == []
    assert any("Nothing matches" in c.value for c in at.sidebar.caption)


def test_the_timeline_shows_the_dated_statuses_of_the_shown_segments() -> None:
    at = loaded(run_app(corridor="zangezur", year="2022"))
    at = at.button(key="timeline-button").click().run()
    (chart,) = [e for e in at.main if getattr(e, "type", None) == "vega_lite_chart"]
    rows = dataframe_util.convert_arrow_bytes_to_pandas_df(chart.proto.data.data)
    statuses = frozenset(s.id for s in DATASET.vocabulary.statuses)
    modes = frozenset(s.mode for s in DATASET.segments.values())
    shown = show_segments(DATASET, Filters(2022, statuses, modes, frozenset({"zangezur"})))
    expected = [(i.segment.id, e.year) for i in shown for e in i.segment.statuses]
    assert list(zip(rows["segment"], rows["year"], strict=True)) == expected
    assert chart.proto.selection_mode == ["pick"]


def test_downloads_are_offered_for_what_is_shown() -> None:
    at = loaded(run_app(corridor="zangezur"))
    labels = [e.label for e in at.main if type(e).__name__ == "DownloadButton"]
    count = sum(1 for s in DATASET.segments.values() if s.corridor == "zangezur")
    assert labels == [
        f"Download the {count} shown segments (GeoJSON)",
        "Download their passages with citations (CSV)",
    ]
