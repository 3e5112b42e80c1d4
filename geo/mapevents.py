"""What the map reported: st_folium's return dict parsed into a small typed record (pure).

streamlit-folium returns an untyped dict whose keys depend on ``returned_objects``; the app
reads it only through ``read_event`` and decides what a click means in ``apply_click``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

RETURNED_OBJECTS = [
    "last_object_clicked_count",
    "last_active_drawing",
    "last_clicked",
    "center",
    "zoom",
]
"""All the app reads: a pan or zoom reruns the script only because the URL keeps the view."""


@dataclass(frozen=True)
class MapEvent:
    """The map's state after an interaction."""

    clicks: int | None
    """How many feature clicks the component has counted; restarts when it re-mounts."""
    clicked_id: str | None
    """The ``id`` property of the last clicked feature, as the browser sent it."""
    empty_click: tuple[float, float] | None
    """Where the map itself was last clicked (a feature click counts here too)."""
    centre: tuple[float, float] | None
    zoom: float | None


NO_EVENT = MapEvent(None, None, None, None, None)


def _finite(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _point(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, dict):
        return None
    lat, lng = _finite(value.get("lat")), _finite(value.get("lng"))
    return None if lat is None or lng is None else (lat, lng)


def _clicked_id(drawing: Any) -> str | None:
    if not isinstance(drawing, dict):
        return None
    properties = drawing.get("properties")
    if not isinstance(properties, dict):
        return None
    value = properties.get("id")
    return value if isinstance(value, str) else None


def read_event(returned: Any) -> MapEvent:
    """Parse what st_folium returned; anything malformed reads as absent, never raises."""
    if not isinstance(returned, dict):
        return NO_EVENT
    clicks = returned.get("last_object_clicked_count")
    return MapEvent(
        clicks=clicks if isinstance(clicks, int) and not isinstance(clicks, bool) else None,
        clicked_id=_clicked_id(returned.get("last_active_drawing")),
        empty_click=_point(returned.get("last_clicked")),
        centre=_point(returned.get("center")),
        zoom=_finite(returned.get("zoom")),
    )


@dataclass(frozen=True)
class Selection:
    """The selected segment, with the map event it was last decided from."""

    segment: str | None
    seen: MapEvent = NO_EVENT


def apply_click(current: Selection, event: MapEvent, known: frozenset[str]) -> Selection:
    """The selection after a map event.

    A change in the click count means a feature was clicked: select it if its id is known
    (clicking the selected segment again keeps it). A new map-click position with the same
    count means the empty map was clicked: clear the selection. Anything else (a pan, a zoom,
    a rerun with the same report) leaves the selection as it is.
    """
    previous = current.seen
    if event.clicks is not None and event.clicks != previous.clicks and event.clicks > 0:
        chosen = event.clicked_id if event.clicked_id in known else current.segment
        return Selection(chosen, event)
    if event.empty_click is not None and event.empty_click != previous.empty_click:
        return Selection(None, event)
    return Selection(current.segment, event)


def is_opening_report(event: MapEvent, base: tuple[float, float], base_zoom: int) -> bool:
    """Whether the map reported exactly the location its script was built with: the report
    streamlit-folium sends the moment the map is created, before it moves to the centre and
    zoom it was given. Its view is not the reader's; a pan never lands on the same floats."""
    return event.centre == base and event.zoom == base_zoom
