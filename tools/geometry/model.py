"""Data types shared by the node table, the route spec and the routers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Source = Literal["geonames", "searoute-port", "manual"]
Kind = Literal["town", "point"]
Router = Literal["rail", "road", "sea", "waypoints", "bank"]
Precision = Literal["alignment", "approximate", "schematic"]

# Ordered from most to least precise: a route takes the least precise of its legs.
PRECISION_ORDER: tuple[Precision, ...] = ("alignment", "approximate", "schematic")


@dataclass(frozen=True)
class Node:
    """A named place a line starts, ends or passes at.

    `kind="town"` means the coordinates are a settlement's centre, so graph routers end the
    line at the nearest network node; `kind="point"` (ports, border crossings, junctions)
    means the line must reach the exact coordinates.
    """

    id: str
    name: str
    country: str
    source: Source
    kind: Kind = "town"
    geonameid: int | None = None
    lon: float | None = None
    lat: float | None = None
    reason: str = ""
    accuracy_km: float | None = None
    locode: str | None = None


@dataclass(frozen=True)
class Leg:
    """Part of a route drawn by one router through consecutive waypoints."""

    router: Router
    waypoints: tuple[str, ...]
    precision: Precision
    # Only for router="bank": the countries whose shared border is the river, bank side first.
    bank: tuple[str, str] | None = None


@dataclass(frozen=True)
class Route:
    """How one layer feature's geometry is drawn."""

    id: str
    layer: str
    mode: str
    countries: tuple[str, ...]
    legs: tuple[Leg, ...]
    note: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def precision(self) -> Precision:
        """The least precise of the legs."""
        return max((leg.precision for leg in self.legs), key=PRECISION_ORDER.index)

    @property
    def waypoints(self) -> tuple[str, ...]:
        """All waypoints in order, without repeating the node shared by two legs."""
        out: list[str] = []
        for leg in self.legs:
            for node_id in leg.waypoints:
                if not out or out[-1] != node_id:
                    out.append(node_id)
        return tuple(out)
