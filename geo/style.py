"""How statuses and modes look on the map and in the legend (pure).

Status is shown three ways at once, so no reader depends on colour alone: a colour from the
Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), a dash
pattern, and the status's text label in the tooltip and the legend. Mode is shown by the
line's edging: rail has a dark edge, road a white one, sea none and a thinner line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusLook:
    colour: str
    dash: str | None
    """An SVG dash array; None draws a solid line."""


@dataclass(frozen=True)
class ModeLook:
    weight: int
    casing: str | None
    """The colour of the edge drawn under the line; None draws no edge."""


STATUS_LOOKS = {
    "operational": StatusLook("#009E73", None),
    "under-construction": StatusLook("#E69F00", "12 6"),
    "financed": StatusLook("#0072B2", "14 5 3 5"),
    "agreed": StatusLook("#56B4E9", "7 6"),
    "proposed": StatusLook("#CC79A7", "1 8"),
    "suspended": StatusLook("#D55E00", "14 4 2 4 2 4"),
    "disputed": StatusLook("#000000", "9 4 2 4"),
    "unstated": StatusLook("#8C8C8C", "4 4"),
}
"""Okabe-Ito colours with a distinct dash each: solid operational, dashed under construction,
dotted proposed; grey for a status no source states."""
FALLBACK_STATUS = StatusLook("#8C8C8C", "4 4")

MODE_LOOKS = {
    "rail": ModeLook(weight=5, casing="#333333"),
    "road": ModeLook(weight=5, casing="#FFFFFF"),
    "sea": ModeLook(weight=3, casing=None),
    "unspecified": ModeLook(weight=3, casing=None),
}
FALLBACK_MODE = ModeLook(weight=3, casing=None)
CASING_EXTRA = 3
"""How much wider than the line its edge is, in pixels: a 1.5 px rim each side."""
DOTTED = "1 8"
"""Round caps turn this into dots as wide as the line."""

CLICK_TOLERANCE = 6
"""Pixels beyond a line's edge that still select it (Leaflet's canvas tolerance): a 5 px line
takes clicks 8.5 px either side of its centre, as the 18 px bands of earlier versions did."""
HALO = {"color": "#FFD400", "opacity": 0.85, "lineCap": "round", "extra": 10}
"""The bright band under the selected segment: ``extra`` pixels wider than its line."""


def status_look(status: str) -> StatusLook:
    return STATUS_LOOKS.get(status, FALLBACK_STATUS)


def mode_look(mode: str) -> ModeLook:
    return MODE_LOOKS.get(mode, FALLBACK_MODE)


def line_style(status: str, mode: str) -> dict[str, object]:
    """The Leaflet path options of a segment's visible line."""
    look, width = status_look(status), mode_look(mode).weight
    return {
        "color": look.colour,
        "weight": width,
        "opacity": 0.95,
        "dashArray": look.dash,
        "lineCap": "round" if look.dash in (None, DOTTED) else "butt",
    }


def casing_style(mode: str) -> dict[str, object] | None:
    """The edge under a line, which tells rail from road from sea; None for no edge."""
    look = mode_look(mode)
    if look.casing is None:
        return None
    return {"color": look.casing, "weight": look.weight + CASING_EXTRA, "opacity": 0.9}


def mode_hint(mode: str) -> str:
    """Says in words what the edging means, for readers who cannot see it."""
    casing = mode_look(mode).casing
    if casing == "#333333":
        return "(dark edge)"
    if casing == "#FFFFFF":
        return "(white edge)"
    return "(no edge, thinner)"
