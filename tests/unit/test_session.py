"""Session transitions on a plain dict: links, map clicks, table picks, buttons."""

from __future__ import annotations

from typing import Any

import pytest

from geo import session
from geo.atlas import HOME, load_atlas
from geo.layout import Action
from geo.mapevents import MapEvent, Selection
from geo.mapview import midpoint
from geo.paths import DEFAULT_PATHS
from geo.urlstate import MapView, OwnParams

ATLAS = load_atlas(DEFAULT_PATHS)
RASHT = "rasht-astara-railway"


def fresh(**extra: Any) -> dict[str, Any]:
    state: dict[str, Any] = {}
    session.adopt(state, OwnParams(None, HOME, ()))
    state.update(extra)
    return state


def test_a_link_sets_selection_view_reader_and_notices() -> None:
    state = fresh()
    own = OwnParams(RASHT, MapView(38.0, 49.0, 7), ("Ignored zoom.",), "a.txt", "p")
    session.adopt(state, own)
    assert state[session.SELECTION].segment == RASHT
    assert state[session.VIEW] == state[session.FOCUS] == MapView(38.0, 49.0, 7)
    assert state[session.READER] == ("a.txt", "p")
    assert state[session.NOTICES] == ["Ignored zoom."]


def test_a_feature_click_selects_and_an_empty_click_clears() -> None:
    state = fresh()
    session.answer_map(state, MapEvent(1, RASHT, None, (41.5, 50.0), 5), ATLAS)
    assert state[session.SELECTION].segment == RASHT
    assert state[session.EVENT] is True
    session.answer_map(state, MapEvent(1, RASHT, (40.0, 50.0), (41.5, 50.0), 5), ATLAS)
    assert state[session.SELECTION].segment is None


def test_a_pan_moves_the_kept_view_but_not_the_selection() -> None:
    state = fresh(**{session.SELECTION: Selection(RASHT, MapEvent(1, RASHT, None, None, None))})
    session.answer_map(state, MapEvent(1, RASHT, None, (39.0, 47.0), 6), ATLAS)
    assert state[session.SELECTION].segment == RASHT
    assert state[session.VIEW] == MapView(39.0, 47.0, 6)


def test_the_maps_opening_report_at_home_keeps_a_linked_view() -> None:
    # streamlit-folium reports the base map's own location as it creates the map, then the
    # view it was moved to: the first must not write the home view over the link's.
    state = fresh()
    linked = MapView(37.415, 48.9058, 7)
    session.adopt(state, OwnParams(None, linked, ()))
    session.answer_map(state, MapEvent(0, None, None, (HOME.lat, HOME.lon), HOME.zoom), ATLAS)
    assert state[session.VIEW] == linked
    session.answer_map(state, MapEvent(0, None, None, (HOME.lat + 0.5, HOME.lon), 5), ATLAS)
    assert state[session.VIEW] == MapView(round(HOME.lat + 0.5, 4), HOME.lon, 5)


def test_a_picked_row_is_highlighted_until_the_map_selects_another() -> None:
    state = fresh()
    session.pick_row(state, RASHT, ATLAS)
    lat, lon = midpoint(ATLAS.dataset.segments[RASHT])
    assert state[session.FOCUS] == MapView(lat, lon, HOME.zoom)
    assert state[session.TABLE_PICK] == RASHT
    session.answer_map(state, MapEvent(1, "goris-kapan-highway", None, None, None), ATLAS)
    assert state[session.TABLE_PICK] is None
    assert state[session.TABLE_VERSION] == 1


@pytest.mark.parametrize(
    ("action", "segment", "match", "reader"),
    [
        (Action("select", RASHT), RASHT, None, None),
        (Action("select", f"{RASHT}|rasht-astara-5bn-loan"), RASHT, "rasht-astara-5bn-loan", None),
        (Action("read", "004.txt"), None, None, ("004.txt", None)),
        (Action("read", "004.txt|loan"), None, None, ("004.txt", "loan")),
        (Action("map"), None, None, None),
    ],
)
def test_buttons(
    action: Action, segment: str | None, match: str | None, reader: tuple[str, str | None] | None
) -> None:
    state = fresh(**{session.READER: ("x.txt", None)})
    session.perform(state, action, ATLAS)
    assert session.selection(state).segment == segment
    assert state.get(session.MATCH) == match
    assert state[session.READER] == reader
    if segment:
        lat, lon = midpoint(ATLAS.dataset.segments[segment])
        assert state[session.FOCUS] == MapView(lat, lon, session.FOCUS_ZOOM)


def test_clear_keeps_the_view() -> None:
    state = fresh()
    session.perform(state, Action("select", RASHT), ATLAS)
    view = state[session.VIEW]
    session.perform(state, Action("clear"), ATLAS)
    assert session.selection(state).segment is None
    assert state[session.VIEW] == view


def test_a_timeline_point_selects_its_segment_and_sets_the_year() -> None:
    state = fresh()
    session.pick_point(state, RASHT, 2017, ATLAS)
    assert session.selection(state).segment == RASHT
    assert state["year"] == 2017


def test_a_timeline_point_of_an_unknown_segment_changes_nothing() -> None:
    state = fresh()
    before = dict(state)
    session.pick_point(state, "<script>", 2017, ATLAS)
    assert state == before


def test_a_corridor_hit_sets_the_corridor_filter() -> None:
    state = fresh()
    session.perform(state, Action("corridor", "zangezur"), ATLAS)
    assert state["corridor"] == ["zangezur"]


def test_only_a_sessions_first_run_holds_back_the_parts_under_the_map() -> None:
    state = fresh()
    assert session.hold_back(state, first_run=True)
    # The map's first report: its fragment must rerun the page, once.
    assert session.release(state)
    assert not session.release(state)
    assert not session.hold_back(state, first_run=False)


def test_a_full_run_before_the_maps_report_draws_the_held_back_parts() -> None:
    state = fresh()
    session.hold_back(state, first_run=True)
    # A reader changed a filter before the map was up: that run draws everything, so the
    # map's report later needs no extra rerun.
    assert not session.hold_back(state, first_run=False)
    assert not session.release(state)


def test_a_map_opened_at_a_linked_view_releases_the_parts_once_it_is_there() -> None:
    state = fresh()
    linked = MapView(37.415, 48.9058, 7)
    session.adopt(state, OwnParams(None, linked, ()))
    session.hold_back(state, first_run=True)
    # Built at home, the map reports home first, then the linked view once it has moved.
    session.answer_map(state, MapEvent(0, None, None, (HOME.lat, HOME.lon), HOME.zoom), ATLAS)
    assert not session.release(state)
    session.answer_map(state, MapEvent(0, None, None, (linked.lat, linked.lon), 7), ATLAS)
    assert session.release(state)
    assert not session.release(state)


def test_a_map_opened_at_home_releases_the_parts_on_its_first_report() -> None:
    state = fresh()
    session.hold_back(state, first_run=True)
    # At home the map's move changes nothing it reports, so no second report comes.
    session.answer_map(state, MapEvent(0, None, None, (HOME.lat, HOME.lon), HOME.zoom), ATLAS)
    assert session.release(state)
