"""The page's layout: filters, notices, then the sidebar and map fragment, then the rest."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from geo import session
from geo import urlstate as url
from geo.atlas import Atlas
from geo.mapdata import view_state
from geo.mapevents import RETURNED_OBJECTS
from geo.mapview import build_base_map, build_view
from geo.markdown import glossary
from geo.paths import data_paths
from geo.session import (
    EVENT,
    FOCUS,
    FRAGMENT_SAW,
    FULL_RUNS,
    MAP_KEY,
    NOTICES,
    READER,
    REDRAW_ALL,
    SHOW_LINK,
    VIEW,
    WRITTEN,
)
from geo.timeline import Filters
from geo.ui.actions import (
    adopt_url,
    current_params,
    on_map_change,
    store,
    write_reader_url,
    write_url,
)
from geo.ui.cache import cached_atlas, cached_problems, cached_salvage, cached_visible
from geo.ui.parts import (
    render_details,
    render_notices,
    render_on_demand,
    render_problems,
    render_reader,
    render_search,
    render_sidebar,
)
from geo.urlstate import MapView, ViewState
from geo.visible import Visible

TILES_VARIABLE = "CORRIDOR_ATLAS_TILES"
"""Set to "off" to draw no web tiles (tests, offline use): the country outlines remain."""


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
    held_back = session.hold_back(store(), first_run)
    # The search box tops the sidebar, as on most maps: the map stays in the first screen. On
    # a first run it waits with the parts under the map (its fifteen browser bundles were
    # requested before the map's, python -m bench.timeline), unless the link itself searches.
    if not held_back or any(opening_params.get(url.QUERY, ())):
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
    if not held_back:
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
    # layout does not change. Its history, conflicts and corridor quotes come after the map:
    # the browser renders what arrives together in one pass, and without them in that pass
    # the quotes show sooner (python -m bench, "that message to quote shown").
    with st.sidebar:
        render_sidebar(atlas, state, visible)
    render_map(atlas, visible, state)
    with st.sidebar:
        render_details(state)
    # Parts outside the fragment that show the selection or the view: the open link box, a
    # table whose highlighted row went stale; or the parts the first run held back, after the
    # map's first report. Only then does a map event redraw the whole page.
    fragment_rerun = st.session_state.get(FRAGMENT_SAW) == st.session_state[FULL_RUNS]
    st.session_state[FRAGMENT_SAW] = st.session_state[FULL_RUNS]
    if fragment_rerun and (
        session.release(store())
        or st.session_state.pop(REDRAW_ALL, False)
        or st.session_state.get(SHOW_LINK)
    ):
        st.rerun()


def render_filters(atlas: Atlas) -> Filters:
    """The filter widgets, bound to the URL: their keys are the query params' names.

    Statuses, modes and corridors are pills, one toggle per option, all in view: a multiselect
    hid most of its chosen options behind its own width, and its eleven browser bundles were
    fetched ahead of the map's on every first visit (python -m bench.timeline)."""
    choices, labels = atlas.choices, atlas.labels
    first, last = choices.years
    year_col, mode_col = st.columns([1, 1])
    year = year_col.slider(
        "Status as of year", first, last, last, key=url.YEAR, bind="query-params",
        help="Each segment shows its latest dated status at or before this year; "
        "segments no source mentions by then are hidden.",
    )  # fmt: skip
    # Options are ids, not labels: Streamlit writes the shown text of a bound option into the
    # URL, and a link must name ids, which stay stable when a label is reworded.
    modes = render_pills(mode_col, "Mode", choices.modes, url.MODE, labels.modes)
    # Full width, so that every option shows; wrapped onto a second row when they need it.
    statuses = render_pills(st, "Status", choices.statuses, url.STATUS, labels.statuses)
    corridors = render_pills(st, "Corridors", choices.corridors, url.CORRIDOR, labels.corridors)
    return Filters(year, frozenset(statuses), frozenset(modes), frozenset(corridors))


def render_pills(
    place: Any, label: str, options: tuple[str, ...], key: str, names: dict[str, str]
) -> list[str]:
    """Pills bound to the URL param `key`, all chosen by default; the chosen options."""
    chosen = place.pills(
        label, options, default=options, selection_mode="multi", key=key, bind="query-params",
        help=glossary(names), wrap=True,
    )  # fmt: skip
    return list(chosen or ())


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
