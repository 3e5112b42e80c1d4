"""Reading st_folium's return dict, and what a click does to the selection."""

from __future__ import annotations

from typing import Any

import pytest

from geo.mapevents import NO_EVENT, MapEvent, Selection, apply_click, read_event

KNOWN = frozenset({"a", "b"})


def drawing(segment_id: object) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"id": segment_id}, "geometry": None}


@pytest.mark.parametrize(
    ("returned", "event"),
    [
        (None, NO_EVENT),
        ("junk", NO_EVENT),
        ({}, NO_EVENT),
        (
            {
                "last_object_clicked_count": 3,
                "last_active_drawing": drawing("a"),
                "last_clicked": {"lat": 38.5, "lng": 48.9},
                "center": {"lat": 40, "lng": 50},
                "zoom": 6,
            },
            MapEvent(3, "a", (38.5, 48.9), (40.0, 50.0), 6.0),
        ),
        (
            {
                "last_object_clicked_count": True,
                "last_active_drawing": drawing(7),
                "last_clicked": {"lat": "x", "lng": 1},
                "center": {"lat": float("nan"), "lng": 1},
                "zoom": "6",
            },
            NO_EVENT,
        ),
        ({"last_active_drawing": {"properties": "nope"}}, NO_EVENT),
    ],
)
def test_read_event_parses_what_it_can_and_never_raises(returned: object, event: MapEvent) -> None:
    assert read_event(returned) == event


def click(count: int, segment_id: str | None, at: tuple[float, float]) -> MapEvent:
    return MapEvent(count, segment_id, at, (40.0, 50.0), 5.0)


def test_a_feature_click_selects_its_segment() -> None:
    after = apply_click(Selection(None), click(1, "a", (1.0, 1.0)), KNOWN)
    assert after.segment == "a"


def test_clicking_the_selected_segment_again_keeps_it() -> None:
    first = apply_click(Selection(None), click(1, "a", (1.0, 1.0)), KNOWN)
    again = apply_click(first, click(2, "a", (1.0, 1.1)), KNOWN)
    assert again.segment == "a"


def test_a_click_on_another_segment_moves_the_selection() -> None:
    first = apply_click(Selection(None), click(1, "a", (1.0, 1.0)), KNOWN)
    assert apply_click(first, click(2, "b", (2.0, 2.0)), KNOWN).segment == "b"


def test_an_empty_map_click_clears_the_selection() -> None:
    first = apply_click(Selection(None), click(1, "a", (1.0, 1.0)), KNOWN)
    assert apply_click(first, click(1, "a", (5.0, 5.0)), KNOWN).segment is None


def test_a_pan_or_repeated_report_changes_nothing() -> None:
    first = apply_click(Selection(None), click(1, "a", (1.0, 1.0)), KNOWN)
    panned = MapEvent(1, "a", (1.0, 1.0), (42.0, 44.0), 7.0)
    assert apply_click(first, panned, KNOWN).segment == "a"


def test_an_unknown_id_from_the_browser_is_not_selected() -> None:
    first = Selection("a")
    assert apply_click(first, click(1, "<img src=x>", (1.0, 1.0)), KNOWN).segment == "a"


def test_a_remounted_map_restarting_its_count_selects_again() -> None:
    before = apply_click(Selection(None), click(5, "a", (1.0, 1.0)), KNOWN)
    assert apply_click(before, click(1, "b", (2.0, 2.0)), KNOWN).segment == "b"
