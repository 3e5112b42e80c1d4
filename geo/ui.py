"""The Streamlit page: the only module of geo/ that talks to Streamlit."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any, cast

import streamlit as st
from streamlit_folium import st_folium

from geo import urlstate as url
from geo.atlas import Atlas, load_atlas
from geo.mapdata import view_state
from geo.mapevents import RETURNED_OBJECTS, Selection, apply_click, read_event
from geo.mapview import build_base_map, build_view, midpoint
from geo.markdown import (
    escape_markdown,
    facts_markdown,
    glossary,
    history_markdown,
    in_context,
    quote_markdown,
)
from geo.panel import ConflictView, Quote, SegmentPanel, build_panel
from geo.paths import DataPaths, data_paths
from geo.table import COLUMNS
from geo.timeline import Filters
from geo.urlstate import MapView, ViewState
from geo.validate import validate
from geo.visible import Visible, find_visible

TILES_VARIABLE = "CORRIDOR_ATLAS_TILES"
"""Set to "off" to draw no web tiles (tests, offline use): the country outlines remain."""
MAP_KEY = "map"
SELECTION = "selection"
VIEW = "view"
FOCUS = "focus"
WRITTEN = "written"
NOTICES = "notices"
TABLE_VERSION = "table_version"
SHOW_TABLE = "show_table"
SHOW_LINK = "show_link"
TABLE_PICK = "table_pick"
"""The segment whose row the table highlights: the last row picked, until another selection."""
EVENT = "event"
"""Set by a callback: this run answers a click, so the URL it carries may predate our last write."""


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
    atlas = load_atlas(DataPaths(Path(root)))
    keep_out_of_gc()
    return atlas


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


def render_problems(problems: list[str]) -> None:
    st.error(f"The data set has {len(problems)} problem(s); run `python -m geo.validate`.")
    # st.text shows data-derived text literally: nothing in it is rendered as markdown or HTML.
    st.text("\n".join(problems))


def current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def own_params_now() -> tuple[tuple[str, str], ...]:
    """The URL's own params as they are now, to tell our writes from outside changes."""
    return tuple((key, value) for key in url.OWN for value in st.query_params.get_all(key))


def adopt_url(atlas: Atlas) -> None:
    """Take selection and view from the URL when it changed from outside (a link, Back)."""
    if st.session_state.get(WRITTEN) == own_params_now():
        return
    params = current_params()
    own = url.read_own(params, atlas.choices)
    previous = st.session_state.get(SELECTION, Selection(None))
    st.session_state[SELECTION] = Selection(own.segment, previous.seen)
    unpick_table(own.segment)
    st.session_state[VIEW] = own.view
    st.session_state[FOCUS] = own.view
    st.session_state[NOTICES] = list(own.notices)
    for key in params:
        if key not in url.BOUND and key not in url.OWN and key not in url.STREAMLIT_OWN:
            del st.query_params[key]


def on_map_change(atlas: Atlas) -> None:
    """Runs before the rerun a map interaction causes, so this run draws the new selection."""
    st.session_state[EVENT] = True
    event = read_event(st.session_state.get(MAP_KEY))
    before: Selection = st.session_state[SELECTION]
    after = apply_click(before, event, atlas.choices.segments)
    st.session_state[SELECTION] = after
    unpick_table(after.segment)
    if event.centre is not None and event.zoom is not None:
        reported = url.clamp_view(*event.centre, event.zoom, atlas.choices.home)
        if url.moved(st.session_state[VIEW], reported):
            st.session_state[VIEW] = reported


def unpick_table(selected: str | None) -> None:
    """Re-mount the table without its highlighted row when the selection moved elsewhere.

    Only then: re-mounting re-sends every row (a megabyte at 10,000 segments), so a map click
    leaves a table with no highlighted row alone.
    """
    pick = st.session_state.get(TABLE_PICK)
    if pick is not None and pick != selected:
        st.session_state[TABLE_PICK] = None
        st.session_state[TABLE_VERSION] = st.session_state.get(TABLE_VERSION, 0) + 1


def on_table_select(atlas: Atlas, key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if not rows or rows[0] >= len(ids):
        return
    st.session_state[EVENT] = True
    chosen = ids[rows[0]]
    st.session_state[TABLE_PICK] = chosen
    before: Selection = st.session_state[SELECTION]
    st.session_state[SELECTION] = Selection(chosen, before.seen)
    lat, lon = midpoint(atlas.dataset.segments[chosen])
    st.session_state[FOCUS] = MapView(lat, lon, st.session_state[VIEW].zoom)


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
    notices = url.cap(st.session_state.get(NOTICES, []))
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


def flip(key: str) -> None:
    st.session_state[key] = not st.session_state.get(key, False)


def render_on_demand(atlas: Atlas, visible: Visible, state: ViewState) -> None:
    """The segment table and the link box, each behind a button: they pull large browser
    bundles (a data grid, a code highlighter) that held the map back by about half a second
    each on a first visit (python -m bench). Buttons, not toggles: a toggle's own bundle cost
    the first load too."""
    show_table, show_link = st.session_state.get(SHOW_TABLE), st.session_state.get(SHOW_LINK)
    table_button, link_button = st.columns(2)
    verb = "Hide" if show_table else "Show"
    table_button.button(f"{verb} the segment table ({len(visible.ids)} shown)",
                        on_click=flip, args=(SHOW_TABLE,), key="table-button")  # fmt: skip
    verb = "Hide" if show_link else "Show"
    link_button.button(f"{verb} a link to this view",
                       on_click=flip, args=(SHOW_LINK,), key="link-button")  # fmt: skip
    if show_table:
        render_table(atlas, visible)
    if show_link:
        base = st.context.url or "http://localhost:8501/"
        st.caption("The address bar holds the same link; copy it with the button at its right:")
        st.code(url.share_link(base, state, atlas.choices), language=None)


def write_url(state: ViewState, atlas: Atlas) -> None:
    """Put selection and view in the URL, touching only what changed (each write is a
    browser-history entry)."""
    wanted = dict(pair for pair in url.encode_state(state, atlas.choices) if pair[0] in url.OWN)
    for key in url.OWN:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
    st.session_state[WRITTEN] = own_params_now()


def render() -> None:
    """The dashboard: filters, map and legend, the segment table, and the sidebar panel."""
    root = str(data_paths().root)
    problems, _counts = cached_problems(root)
    if problems:
        st.title("Corridor Atlas")
        render_problems(problems)
        return
    atlas = cached_atlas(root)
    first_run = WRITTEN not in st.session_state
    # Read before the widgets run: bound widgets drop from the URL the values they reject.
    opening_params = current_params()
    # A run answering a click keeps the session's state: the URL that came with it may be
    # older than our last write. Any other run follows the URL if it changed (a link, Back).
    if not st.session_state.pop(EVENT, False):
        adopt_url(atlas)
    st.title("Corridor Atlas")
    st.caption(
        "Transport corridors between Russia, Iran and the South Caucasus, quoted from sources."
    )
    filters = render_filters(atlas)
    state = ViewState(
        year=filters.year,
        statuses=tuple(s for s in atlas.choices.statuses if s in filters.statuses),
        modes=tuple(m for m in atlas.choices.modes if m in filters.modes),
        corridors=tuple(c for c in atlas.choices.corridors if c in filters.corridors),
        segment=st.session_state[SELECTION].segment,
        view=st.session_state[VIEW],
    )
    if first_run:
        bound = url.review_bound(opening_params, state, atlas.choices)
        st.session_state[NOTICES] = [*bound, *st.session_state[NOTICES]]
    render_notices()
    # The URL as soon as the state is known: a link copied while the quotes stream in is
    # already the link to what they are about.
    write_url(state, atlas)
    visible = cached_visible(root, filters)
    # The sidebar first: after a click, the quotes reach the browser before the map's
    # arguments are even built, and the sidebar is a separate container, so the page's
    # layout does not change.
    with st.sidebar:
        render_sidebar(atlas, state, visible)
    render_map(atlas, visible, state)
    render_on_demand(atlas, visible, state)


def render_quote(quote: Quote, rule: bool = False) -> None:
    """A verbatim passage, who said it and where, and the seed text around it on demand."""
    st.markdown(quote_markdown(quote, rule))
    if quote.citation.url:
        st.link_button("Open the source", quote.citation.url)
    with st.expander("Surrounding text"):
        st.markdown(in_context(quote))


def render_conflict(conflict: ConflictView) -> None:
    """Passages that disagree, side by side under one label."""
    with st.container(border=True):
        st.markdown(f"**Conflict: {escape_markdown(conflict.topic)}**")
        st.caption(escape_markdown(f"{conflict.kind_label}. {conflict.note}"))
        columns = st.columns(max(1, min(len(conflict.quotes), 2)))
        for index, quote in enumerate(conflict.quotes):
            with columns[index % len(columns)]:
                render_quote(quote)


def render_panel(panel: SegmentPanel) -> None:
    """Name and facts, then the quotes (what readers come for), then history and conflicts."""
    st.header(escape_markdown(panel.name), anchor=False)
    st.markdown(facts_markdown(panel))
    st.caption(escape_markdown(panel.geometry_note))
    if panel.conflicts:
        topics = "; ".join(conflict.topic for conflict in panel.conflicts)
        st.info(escape_markdown(f"Sources disagree: {topics}. Both sides are under Conflicts."))
    st.subheader(f"What the sources say ({len(panel.quotes)})", anchor=False)
    for index, quote in enumerate(panel.quotes):
        render_quote(quote, rule=index > 0)
    st.subheader("Status history", anchor=False)
    st.markdown(history_markdown(panel))
    if panel.conflicts:
        st.subheader(f"Conflicts ({len(panel.conflicts)})", anchor=False)
    for conflict in panel.conflicts:
        render_conflict(conflict)
    if panel.corridor_quotes:
        with st.expander(f"About the corridor as a whole ({len(panel.corridor_quotes)})"):
            for quote in panel.corridor_quotes:
                render_quote(quote)


def clear_selection() -> None:
    st.session_state[EVENT] = True
    before: Selection = st.session_state[SELECTION]
    st.session_state[SELECTION] = Selection(None, before.seen)
    unpick_table(None)


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
    st.button("Clear selection", on_click=clear_selection)
    if state.segment not in visible.members:
        st.info("The current filters hide this segment on the map; it stays selected.")
    render_panel(panel)
