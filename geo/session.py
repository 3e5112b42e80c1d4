"""A reader's session as state transitions over a mapping: links, clicks, picks, buttons (pure).

geo.ui passes `st.session_state`; tests pass a dict. Nothing here imports Streamlit.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from geo import urlstate as url
from geo.atlas import Atlas
from geo.layout import Action
from geo.mapevents import MapEvent, Selection, apply_click, is_opening_report
from geo.mapview import midpoint
from geo.urlstate import MapView, OwnParams

State = MutableMapping[str, Any]

SELECTION = "selection"
VIEW = "view"
"""The map view the URL keeps (as the reader left it)."""
FOCUS = "focus"
"""The view the map is told to show: the URL's, or a segment picked outside the map."""
WRITTEN = "written"
NOTICES = "notices"
TABLE_VERSION = "table_version"
SHOW_TABLE = "show_table"
SHOW_LINK = "show_link"
SHOW_TIMELINE = "show_timeline"
SHOW_CITATION = "show_citation"
TABLE_PICK = "table_pick"
"""The segment whose row the table highlights: the last row picked, until another selection."""
READER = "reader"
"""(seed, passage) the source reader shows instead of the map, or None."""
MATCH = "match"
"""The passage a search hit picked: the sidebar shows it first."""
REDRAW_ALL = "redraw_all"
"""Set when a change shows outside the map and sidebar (the table must re-mount)."""
EVENT = "event"
"""Set by a callback: this run answers a click, so the URL it carries may predate our last write."""
MAP_KEY = "map"
TIMELINE_KEY = "timeline"
"""Widget keys of the map and the timeline chart: their values are read in callbacks."""
FULL_RUNS = "full_runs"
"""Counts full runs of the page; geo.ui compares it to tell the map fragment's own reruns."""
FRAGMENT_SAW = "fragment_saw"
HELD_BACK = "held_back"
"""Set while the parts under the map wait for the map's first report (see hold_back)."""
MOVING = "moving"
"""Set while a map that opened at home moves to the view it was given (see answer_map)."""
FOCUS_ZOOM = 7
"""The zoom a segment picked outside the map (table, reader, search) is shown at."""


def hold_back(state: State, first_run: bool) -> bool:
    """Whether this full run leaves out the parts under the map (table, timeline and link
    buttons, downloads) and the search box: only a session's first run does, so that the
    browser has less to fetch and draw before the map (python -m bench: cold load). The map
    reports its view as soon as it is up; the map fragment then reruns the whole page
    (release), and any later full run draws them."""
    if first_run:
        state[HELD_BACK] = True
        return True
    state.pop(HELD_BACK, None)
    return False


def release(state: State) -> bool:
    """Whether parts were held back, which a full rerun must now draw (clearing the flag),
    once the map has settled at the view it was given."""
    if state.get(MOVING):
        return False
    return bool(state.pop(HELD_BACK, False))


def selection(state: State) -> Selection:
    found: Selection = state.get(SELECTION, Selection(None))
    return found


def adopt(state: State, own: OwnParams) -> None:
    """Take selection, view and reader from a URL that changed from outside (a link, Back)."""
    state[SELECTION] = Selection(own.segment, selection(state).seen)
    unpick_table(state, own.segment)
    state[VIEW] = state[FOCUS] = own.view
    state[READER] = (own.reader, own.passage) if own.reader else None
    state[NOTICES] = list(own.notices)
    state[MATCH] = None


def answer_map(state: State, event: MapEvent, atlas: Atlas) -> None:
    """What a map interaction changes: the selection, and the view the URL keeps."""
    state[EVENT] = True
    after = apply_click(selection(state), event, atlas.choices.segments)
    if after.segment != selection(state).segment:
        state[MATCH] = None
    state[SELECTION] = after
    unpick_table(state, after.segment)
    home = atlas.choices.home
    # The map is built at home and then moved to the view asked for: its first report, at
    # home, would write the home view over a linked one (and add history entries).
    opening = is_opening_report(event, (home.lat, home.lon), home.zoom)
    # Given another view, it reports again once there. The held-back parts wait for that
    # report: a full rerun crossing the fragment rerun it causes re-mounted the map (seen
    # under load on cold servers, tests/browser/test_hostile_data.py).
    state[MOVING] = opening and state[FOCUS] != home
    if event.centre is not None and event.zoom is not None and not opening:
        reported = url.clamp_view(*event.centre, event.zoom, home)
        if url.moved(state[VIEW], reported):
            state[VIEW] = reported


def unpick_table(state: State, selected: str | None) -> None:
    """Re-mount the table without its highlighted row when the selection moved elsewhere.

    Only then: re-mounting re-sends every row (a megabyte at 10,000 segments), so a map click
    leaves a table with no highlighted row alone.
    """
    pick = state.get(TABLE_PICK)
    if pick is not None and pick != selected:
        state[TABLE_PICK] = None
        state[TABLE_VERSION] = state.get(TABLE_VERSION, 0) + 1
        state[REDRAW_ALL] = True


def pick_row(state: State, chosen: str, atlas: Atlas) -> None:
    """A table row picked: select its segment and centre the map on it, at the same zoom."""
    state[EVENT] = True
    state[TABLE_PICK] = chosen
    state[SELECTION] = Selection(chosen, selection(state).seen)
    state[MATCH] = None
    lat, lon = midpoint(atlas.dataset.segments[chosen])
    state[FOCUS] = MapView(lat, lon, state[VIEW].zoom)


def perform(state: State, action: Action, atlas: Atlas) -> None:
    """A button of a layout block or a search hit.

    select: the segment, centred at FOCUS_ZOOM (value "segment" or "segment|passage", the
    passage a search matched); clear: no selection; read: a seed in the reader (value "seed"
    or "seed|passage"); map: back from the reader; corridor: show only that corridor.
    """
    state[EVENT] = True
    first, _, second = action.value.partition("|")
    if action.verb in ("select", "clear"):
        chosen = first if action.verb == "select" else None
        state[SELECTION] = Selection(chosen, selection(state).seen)
        state[MATCH] = second or None
        unpick_table(state, chosen)
    if action.verb == "select":
        lat, lon = midpoint(atlas.dataset.segments[first])
        state[VIEW] = state[FOCUS] = MapView(lat, lon, FOCUS_ZOOM)
    if action.verb == "corridor":
        # The corridor filter's widget reads its key before it is drawn, so this shows it.
        state[url.CORRIDOR] = [first]
    state[READER] = (first, second or None) if action.verb == "read" else None


def flip(state: State, key: str) -> None:
    state[key] = not state.get(key, False)


def pick_point(state: State, segment: str, year: int, atlas: Atlas) -> None:
    """A point of the timeline: select its segment and show the year of its status."""
    if segment in atlas.dataset.segments:
        perform(state, Action("select", segment), atlas)
        state[url.YEAR] = year
