"""The Streamlit page: the only module of geo/ that talks to Streamlit."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import streamlit as st
from streamlit_folium import st_folium

from geo import session
from geo import urlstate as url
from geo.atlas import Atlas, load_atlas
from geo.chart import PICK, picked, timeline_spec
from geo.export import cite_segment, export_geojson, export_passages_csv
from geo.layout import (
    Action,
    Block,
    Names,
    panel_blocks,
    reader_blocks,
    reader_sidebar,
    search_blocks,
    seed_titles,
)
from geo.mapdata import view_state
from geo.mapevents import RETURNED_OBJECTS, read_event
from geo.mapview import build_base_map, build_view
from geo.markdown import glossary
from geo.panel import build_panel
from geo.paths import DataPaths, data_paths
from geo.reader import build_reader
from geo.salvage import Salvage, salvage
from geo.search import MAX_QUERY_CHARS, SearchIndex, build_index, search
from geo.session import (
    EVENT,
    FOCUS,
    MATCH,
    NOTICES,
    READER,
    REDRAW_ALL,
    SHOW_CITATION,
    SHOW_LINK,
    SHOW_TABLE,
    SHOW_TIMELINE,
    TABLE_PICK,
    TABLE_VERSION,
    VIEW,
    WRITTEN,
)
from geo.table import COLUMNS
from geo.timeline import Filters
from geo.urlstate import MapView, ViewState
from geo.validate import validate
from geo.visible import Visible, find_visible

TILES_VARIABLE = "CORRIDOR_ATLAS_TILES"
"""Set to "off" to draw no web tiles (tests, offline use): the country outlines remain."""
MAP_KEY = "map"
TIMELINE_KEY = "timeline"
FULL_RUNS = "full_runs"
"""Counts full runs of the page; render_selection compares it to tell its own reruns apart."""
FRAGMENT_SAW = "fragment_saw"


@st.cache_data(show_spinner=False)
def cached_problems(root: str) -> tuple[list[str], dict[str, int]]:
    """Validate the data set once per server, not on every rerun."""
    report = validate(DataPaths(Path(root)))
    return [str(problem) for problem in report.by_file()], dict(report.counts)


@st.cache_resource(show_spinner=False)
def cached_atlas(root: str) -> Atlas:
    """One read-only copy of the data per server, shared by every session.

    cache_resource, not cache_data: cache_data would unpickle a fresh copy of the seeds, layers
    and outlines on every rerun of every session. The Atlas is a frozen record that no code
    mutates, so sharing it is safe.
    """
    paths = DataPaths(Path(root))
    spared = cached_salvage(root).dataset if cached_problems(root)[0] else None
    atlas = load_atlas(paths, spared)
    keep_out_of_gc()
    return atlas


@st.cache_resource(show_spinner=False)
def cached_salvage(root: str) -> Salvage:
    """What a data set with problems can still show (read only when it has problems)."""
    paths = DataPaths(Path(root))
    return salvage(paths, validate(paths).problems)


def keep_out_of_gc() -> None:
    """Move everything loaded so far out of the cyclic garbage collector's reach.

    Streamlit runs gc.collect() after every script run (runner.postScriptGC). With the
    read-only data set tracked, each collection walked it: 85 ms per rerun on the shipped
    data, 300 ms at 10,000 segments. Frozen objects are never scanned; they live as long as
    the server anyway, and everything else is still collected as before.
    """
    gc.freeze()


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_visible(root: str, filters: Filters) -> Visible:
    """What a filter set shows, computed once per server and shared (read-only), so a click
    or a pan does not filter 10,000 segments again. A few recent filter sets are kept."""
    visible = find_visible(cached_atlas(root), filters)
    keep_out_of_gc()
    return visible


def render_problems(problems: list[str], spared: Salvage) -> None:
    """The data's problems, and what the map leaves out because of them."""
    rest = "The rest of the data is shown below." if spared.dataset else "Nothing can be shown."
    st.error(f"The data set has {len(problems)} problem(s); run `python -m geo.validate`. {rest}")
    # st.text shows data-derived text literally: nothing in it is rendered as markdown or HTML.
    st.text("\n".join(problems))
    if spared.left_out:
        st.text("Left out because of them:\n" + "\n".join(spared.left_out))


def current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def own_params_now() -> tuple[tuple[str, str], ...]:
    """The URL's own params as they are now, to tell our writes from outside changes."""
    return tuple((key, value) for key in url.OWN for value in st.query_params.get_all(key))


def store() -> session.State:
    """The session's state as geo.session handles it (a str-keyed mapping)."""
    return cast(session.State, st.session_state)


def adopt_url(atlas: Atlas) -> None:
    """Take selection and view from the URL when it changed from outside (a link, Back)."""
    if st.session_state.get(WRITTEN) == own_params_now():
        return
    params = current_params()
    session.adopt(store(), url.read_own(params, atlas.choices))
    for key in params:
        if key not in url.BOUND and key not in url.OWN and key not in url.STREAMLIT_OWN:
            del st.query_params[key]


def on_map_change(atlas: Atlas) -> None:
    """Runs before the rerun a map interaction causes, so this run draws the new selection."""
    session.answer_map(store(), read_event(store().get(MAP_KEY)), atlas)


def on_table_select(atlas: Atlas, key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(ids):
        session.pick_row(store(), ids[rows[0]], atlas)


def perform(action: Action) -> None:
    session.perform(store(), action, cached_atlas(str(data_paths().root)))


def flip(key: str) -> None:
    session.flip(store(), key)


def render_filters(atlas: Atlas) -> Filters:
    """The filter widgets, bound to the URL: their keys are the query params' names."""
    choices, labels = atlas.choices, atlas.labels
    first, last = choices.years
    year_col, mode_col = st.columns([1, 1])
    status_col, corridor_col = st.columns([1, 1])
    year = year_col.slider(
        "Status as of year", first, last, last, key=url.YEAR, bind="query-params",
        help="Each segment shows its latest dated status at or before this year; "
        "segments no source mentions by then are hidden.",
    )  # fmt: skip
    # Options are ids, not labels: Streamlit writes the shown text of a bound option into the
    # URL, and a link must name ids, which stay stable when a label is reworded.
    statuses = status_col.multiselect(
        "Status", choices.statuses, default=choices.statuses, key=url.STATUS,
        bind="query-params", help=glossary(labels.statuses),
    )  # fmt: skip
    modes = mode_col.pills(
        "Mode", choices.modes, default=choices.modes, selection_mode="multi", key=url.MODE,
        bind="query-params", help=glossary(labels.modes),
    )  # fmt: skip
    corridors = corridor_col.multiselect(
        "Corridors", choices.corridors, default=choices.corridors, key=url.CORRIDOR,
        bind="query-params", help=glossary(labels.corridors),
    )  # fmt: skip
    return Filters(year, frozenset(statuses), frozenset(modes or ()), frozenset(corridors))


def render_notices() -> None:
    notices = url.cap(store().get(NOTICES, []))
    if notices:
        # st.text: the notices repeat URL values, which must never render as markdown or HTML.
        with st.container(border=True):
            st.warning("Parts of the link were ignored; the rest of the view is restored.")
            st.text("\n".join(notices))


def render_map(atlas: Atlas, visible: Visible, state: ViewState) -> None:
    tiles = os.environ.get(TILES_VARIABLE, "on") != "off"
    focus: MapView = st.session_state[FOCUS]
    counts = [visible.counts.get(status, 0) for status in atlas.choices.statuses]
    view = view_state(atlas.map_data, state.year, visible.mask, state.segment, counts)
    st_folium(
        build_base_map(atlas.choices.home, tiles, atlas.segment_layer()),
        key=MAP_KEY,
        height=600,
        use_container_width=True,
        returned_objects=RETURNED_OBJECTS,
        feature_group_to_add=build_view(view),
        center=(focus.lat, focus.lon),
        zoom=focus.zoom,
        on_change=lambda: on_map_change(atlas),
    )


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


def toggle(label: str, key: str, column: Any) -> bool:
    """A button that shows or hides a part of the page; whether it is shown."""
    shown = bool(st.session_state.get(key))
    column.button(f"{'Hide' if shown else 'Show'} {label}", on_click=flip, args=(key,),
                  key=f"{key.removeprefix('show_')}-button")  # fmt: skip
    return shown


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


def on_timeline_pick() -> None:
    point = picked(st.session_state[TIMELINE_KEY].selection)
    if point is not None:
        session.pick_point(store(), *point, cached_atlas(str(data_paths().root)))


def render_search(root: str, atlas: Atlas) -> None:
    """One box over segment and corridor names and aliases and the quoted passages."""
    query = st.text_input(
        "Search places and quotes", key=url.QUERY, bind="query-params", max_chars=MAX_QUERY_CHARS,
        placeholder="Meghri, Bandar-e Anzali, a word from a quote…",
    )  # fmt: skip
    hits = search(cached_index(root), query or "", limit=8)
    draw(search_blocks(query or "", hits, dict(atlas.choices.passages)))


@st.cache_resource(show_spinner=False)
def cached_index(root: str) -> SearchIndex:
    """The search index, built once per server and shared (read-only)."""
    index = build_index(cached_atlas(root).dataset)
    keep_out_of_gc()
    return index


def write_url(state: ViewState, atlas: Atlas) -> None:
    """Put selection and view in the URL, touching only what changed (each write is a
    browser-history entry)."""
    current = {key: st.query_params.get(key) for key in url.OWN if key in st.query_params}
    for key, value in url.changes(current, state, atlas.choices).items():
        if value is None:
            del st.query_params[key]
        else:
            st.query_params[key] = value
    st.session_state[WRITTEN] = own_params_now()


def write_reader_url(seed: str, passage: str | None, atlas: Atlas) -> None:
    """The reader's URL: its seed and passage, nothing of the map."""
    state = url.default_state(atlas.choices)
    write_url(replace(state, reader=seed, passage=passage), atlas)


def render() -> None:
    """The dashboard: filters, map and legend, the segment table, and the sidebar panel."""
    root = str(data_paths().root)
    st.title("Corridor Atlas")
    problems, _counts = cached_problems(root)
    if problems:
        spared = cached_salvage(root)
        render_problems(problems, spared)
        if spared.dataset is None:
            return
    atlas = cached_atlas(root)
    first_run = WRITTEN not in st.session_state
    # Read before the widgets run: bound widgets drop from the URL the values they reject.
    opening_params = current_params()
    # A run answering a click keeps the session's state: the URL that came with it may be
    # older than our last write. Any other run follows the URL if it changed (a link, Back).
    if not st.session_state.pop(EVENT, False):
        adopt_url(atlas)
    st.session_state[FULL_RUNS] = st.session_state.get(FULL_RUNS, 0) + 1
    st.session_state.pop(REDRAW_ALL, None)
    st.caption(
        "Transport corridors between Russia, Iran and the South Caucasus, quoted from sources."
    )
    reading = st.session_state.get(READER)
    if reading is not None:
        render_notices()
        seed, passage = reading
        write_reader_url(seed, passage, atlas)
        render_reader(root, seed, passage)
        return
    # The search box tops the sidebar, as on most maps: the map stays in the first screen.
    with st.sidebar:
        render_search(root, atlas)
    filters = render_filters(atlas)
    state = ViewState(
        year=filters.year,
        statuses=tuple(s for s in atlas.choices.statuses if s in filters.statuses),
        modes=tuple(m for m in atlas.choices.modes if m in filters.modes),
        corridors=tuple(c for c in atlas.choices.corridors if c in filters.corridors),
        segment=session.selection(store()).segment,
        view=st.session_state[VIEW],
    )
    if first_run:
        bound = url.review_bound(opening_params, state, atlas.choices)
        st.session_state[NOTICES] = [*bound, *st.session_state[NOTICES]]
    render_notices()
    render_selection(root, filters, state)
    render_on_demand(atlas, cached_visible(root, filters), state)


@st.fragment
def render_selection(root: str, filters: Filters, drawn: ViewState) -> None:
    """The sidebar panel and the map. A fragment: a click on the map reruns only this, not
    the title, search, filters, buttons and downloads around it, whose elements the browser
    would otherwise receive and reconcile again (python -m bench). On such a rerun the
    arguments are the last full run's, so selection and view come from the session."""
    st.session_state.pop(EVENT, None)
    atlas, visible = cached_atlas(root), cached_visible(root, filters)
    selected = session.selection(store()).segment
    state = replace(drawn, segment=selected, view=st.session_state[VIEW])
    # The URL as soon as the state is known: a link copied while the quotes stream in is
    # already the link to what they are about.
    write_url(state, atlas)
    # The sidebar first: after a click, the quotes reach the browser before the map's
    # arguments are even built, and the sidebar is a separate container, so the page's
    # layout does not change.
    with st.sidebar:
        render_sidebar(atlas, state, visible)
    render_map(atlas, visible, state)
    # Parts outside the fragment that show the selection or the view: the open link box, a
    # table whose highlighted row went stale. Only then does a click redraw the whole page.
    fragment_rerun = st.session_state.get(FRAGMENT_SAW) == st.session_state[FULL_RUNS]
    st.session_state[FRAGMENT_SAW] = st.session_state[FULL_RUNS]
    if fragment_rerun and (
        st.session_state.pop(REDRAW_ALL, False) or st.session_state.get(SHOW_LINK)
    ):
        st.rerun()


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


def render_sidebar(atlas: Atlas, state: ViewState, visible: Visible) -> None:
    """The selected segment's panel, or how to select one."""
    if state.segment is None:
        st.header("Sources", anchor=False)
        st.write(
            f"{len(visible.ids)} segments shown. Click a segment on the map, or pick a row in the "
            "table under it, to read what the sources say about it."
        )
        return
    panel = build_panel(atlas.dataset, atlas.seeds, state.segment, state.year, atlas.countries)
    st.button("Clear selection", on_click=perform, args=(Action("clear"),))
    if toggle("how to cite this segment", SHOW_CITATION, st):
        st.code(cite_segment(atlas.dataset, state.segment), language=None, wrap_lines=True)
    if state.segment not in visible.members:
        st.info("The current filters hide this segment on the map; it stays selected.")
    draw(panel_blocks(panel, st.session_state.get(MATCH)))


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_reader(
    root: str, seed: str, passage: str | None
) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """A seed's reader and the reader's sidebar, laid out once per server (read-only)."""
    atlas = cached_atlas(root)
    reader = build_reader(atlas.dataset, atlas.seeds, seed)
    body = reader_blocks(reader, Names.of(atlas.dataset), passage)
    return body, reader_sidebar(seed_titles(atlas.dataset, atlas.seeds), seed)


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
