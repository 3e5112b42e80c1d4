"""The page's parts around the map: sidebar, notices, on-demand views, downloads, search, reader."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

import streamlit as st

from geo import urlstate as url
from geo.atlas import Atlas
from geo.chart import PICK, timeline_spec
from geo.export import cite_segment, export_geojson, export_passages_csv
from geo.layout import (
    Action,
    Block,
    detail_blocks,
    lead_blocks,
    search_blocks,
)
from geo.paths import data_paths
from geo.salvage import Salvage
from geo.search import MAX_QUERY_CHARS, search
from geo.session import (
    MATCH,
    NOTICES,
    SHOW_CITATION,
    SHOW_LINK,
    SHOW_TABLE,
    SHOW_TIMELINE,
    TABLE_PICK,
    TABLE_VERSION,
    TIMELINE_KEY,
)
from geo.table import COLUMNS
from geo.ui.actions import flip, on_table_select, on_timeline_pick, perform, store
from geo.ui.cache import cached_index, cached_panel, cached_reader
from geo.urlstate import ViewState
from geo.visible import Visible


def render_problems(problems: list[str], spared: Salvage) -> None:
    """The data's problems, and what the map leaves out because of them."""
    rest = "The rest of the data is shown below." if spared.dataset else "Nothing can be shown."
    st.error(f"The data set has {len(problems)} problem(s); run `python -m geo.validate`. {rest}")
    # st.text shows data-derived text literally: nothing in it is rendered as markdown or HTML.
    st.text("\n".join(problems))
    if spared.left_out:
        st.text("Left out because of them:\n" + "\n".join(spared.left_out))


def render_notices() -> None:
    notices = url.cap(store().get(NOTICES, []))
    if notices:
        # st.text: the notices repeat URL values, which must never render as markdown or HTML.
        with st.container(border=True):
            st.warning("Parts of the link were ignored; the rest of the view is restored.")
            st.text("\n".join(notices))


DRAWERS: dict[str, Callable[[Block], object]] = {
    "header": lambda b: st.header(b.text, anchor=b.anchor or False),
    "subheader": lambda b: st.subheader(b.text, anchor=b.anchor or False),
    # st.subheader, not a markdown heading: only st.header/st.subheader take a given anchor
    # (a markdown heading's comes from its text); READER_STYLE makes these small.
    "heading": lambda b: st.subheader(b.text, anchor=b.anchor or False),
    "markdown": lambda b: st.markdown(b.text),
    "caption": lambda b: st.caption(b.text),
    "info": lambda b: st.info(b.text),
    "link": lambda b: st.link_button(b.text, b.url or ""),
    "button": lambda b: st.button(
        b.text, key=b.key, on_click=perform, args=(b.action,), type="tertiary", icon=b.icon
    ),
}


def draw(blocks: Iterable[Block]) -> None:
    """One Streamlit call per block of a geo.layout tree."""
    for block in blocks:
        if block.kind in DRAWERS:
            DRAWERS[block.kind](block)
        elif block.kind == "columns":
            for column, child in zip(st.columns(len(block.children)), block.children, strict=True):
                with column:
                    draw(child.children)
        else:
            with st.container(border=True) if block.kind == "bordered" else st.expander(block.text):
                draw(block.children)


def toggle(label: str, key: str, column: Any) -> bool:
    """A button that shows or hides a part of the page; whether it is shown."""
    shown = bool(st.session_state.get(key))
    column.button(f"{'Hide' if shown else 'Show'} {label}", on_click=flip, args=(key,),
                  key=f"{key.removeprefix('show_')}-button")  # fmt: skip
    return shown


def render_table(atlas: Atlas, visible: Visible) -> None:
    """The shown segments as a table; picking a row selects its segment (the keyboard and
    screen-reader path to every segment)."""
    ids = list(visible.ids)
    # A new key whenever the rows change or unpick_table asks: the table then re-mounts
    # instead of showing a stale highlighted row.
    key = f"table-{st.session_state.get(TABLE_VERSION, 0)}-{visible.listing}"
    pick = st.session_state.get(TABLE_PICK)
    chosen = [ids.index(pick)] if pick in ids else []
    table = st.container(key="segment-table")
    table.markdown(f"**{len(ids)} segments shown** (pick a row to read its sources)")
    table.dataframe(
        cast(Any, visible.table), key=key, on_select=lambda: on_table_select(atlas, key, ids),
        selection_mode="single-row", selection_default={"selection": {"rows": chosen}},
        hide_index=True, width="stretch", column_order=COLUMNS,
    )  # fmt: skip


def render_on_demand(atlas: Atlas, visible: Visible, state: ViewState) -> None:
    """The segment table, the timeline and the link box, each behind a button: they pull
    large browser bundles (a data grid, a chart renderer, a code highlighter) that held the
    map back by about half a second each on a first visit (python -m bench). Buttons, not
    toggles: a toggle's own bundle cost the first load too. Then the downloads, whose files
    are made only when a reader asks for them."""
    columns = st.columns(3)
    show_table = toggle(f"the segment table ({len(visible.ids)} shown)", SHOW_TABLE, columns[0])
    show_timeline = toggle("the timeline", SHOW_TIMELINE, columns[1])
    show_link = toggle("a link to this view", SHOW_LINK, columns[2])
    if show_table:
        render_table(atlas, visible)
    if show_timeline:
        render_timeline(atlas, visible)
    if show_link:
        base = st.context.url or "http://localhost:8501/"
        st.caption("The address bar holds the same link; copy it with the button at its right:")
        st.code(url.share_link(base, state, atlas.choices), language=None)
    render_downloads(atlas, visible, state.year)


def render_downloads(atlas: Atlas, visible: Visible, year: int) -> None:
    """What the map shows, to take away: GeoJSON with each status as of the year, and the
    passages with full citations. on_click="ignore": a download does not rerun the page."""
    ids, dataset = list(visible.ids), atlas.dataset
    geojson, csv = st.columns(2)
    geojson.download_button(
        f"Download the {len(ids)} shown segments (GeoJSON)",
        lambda: export_geojson(dataset, ids, year), file_name=f"corridor-atlas-{year}.geojson",
        mime="application/geo+json", on_click="ignore", key="download-geojson",
        icon=":material/download:",
    )  # fmt: skip
    csv.download_button(
        "Download their passages with citations (CSV)",
        # A byte-order mark, so that spreadsheet programs read the quotes as UTF-8.
        lambda: export_passages_csv(dataset, ids).encode("utf-8-sig"),
        file_name=f"corridor-atlas-{year}-passages.csv", mime="text/csv", on_click="ignore",
        key="download-csv", icon=":material/download:",
    )  # fmt: skip


def render_timeline(atlas: Atlas, visible: Visible) -> None:
    """Every dated status of the shown segments; picking a point selects that segment and
    sets the year to the point's."""
    spec = timeline_spec(atlas.dataset, visible.ids, atlas.labels.statuses, atlas.choices.years)
    st.vega_lite_chart(spec, key=TIMELINE_KEY, on_select=on_timeline_pick, selection_mode=PICK,
                       width="stretch")  # fmt: skip


def render_search(root: str, atlas: Atlas) -> None:
    """One box over segment and corridor names and aliases and the quoted passages."""
    query = st.text_input(
        "Search places and quotes", key=url.QUERY, bind="query-params", max_chars=MAX_QUERY_CHARS,
        placeholder="Meghri, Bandar-e Anzali, a word from a quote…",
    )  # fmt: skip
    hits = search(cached_index(root), query or "", limit=8)
    draw(search_blocks(query or "", hits, dict(atlas.choices.passages)))


def render_sidebar(atlas: Atlas, state: ViewState, visible: Visible) -> None:
    """The selected segment's panel up to its quotes (render_details draws the rest, after
    the map), or how to select one."""
    if state.segment is None:
        st.header("Sources", anchor=False)
        st.write(
            f"{len(visible.ids)} segments shown. Click a segment on the map, or pick a row in the "
            "table under it, to read what the sources say about it."
        )
        return
    panel = cached_panel(str(data_paths().root), state.segment, state.year)
    st.button("Clear selection", on_click=perform, args=(Action("clear"),))
    if toggle("how to cite this segment", SHOW_CITATION, st):
        st.code(cite_segment(atlas.dataset, state.segment), language=None, wrap_lines=True)
    if state.segment not in visible.members:
        st.info("The current filters hide this segment on the map; it stays selected.")
    draw(lead_blocks(panel, st.session_state.get(MATCH)))


def render_details(state: ViewState) -> None:
    """The rest of the selected segment's panel (history, conflicts, corridor quotes)."""
    if state.segment is not None:
        draw(detail_blocks(cached_panel(str(data_paths().root), state.segment, state.year)))


READER_BOX = "reader-body"


READER_STYLE = (
    f"<style>.st-key-{READER_BOX} h3 {{font-size: 1rem; padding-top: 0.75rem;"
    " color: #555;}</style>"
)
"""The reader's passage headings as small labels (a fixed style: no data goes into it)."""


def render_reader(root: str, seed: str, passage: str | None) -> None:
    """The source reader in place of the map: a link's #passage-… fragment scrolls to the
    passage's heading."""
    body, side = cached_reader(root, seed, passage)
    with st.sidebar:
        draw(side)
    st.html(READER_STYLE)
    with st.container(key=READER_BOX):
        draw(body)
