"""Checks of a segment's drawn line: its positions, its validity and its geodesic length."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pyproj import Geod
from shapely.geometry import shape
from shapely.validation import explain_validity

from geo.problems import field_path, short


@dataclass(frozen=True)
class Region:
    """A lon/lat box every drawn position must fall in."""

    lon_min: float
    lon_max: float
    lat_min: float
    lat_max: float

    def contains(self, lon: float, lat: float) -> bool:
        return self.lon_min <= lon <= self.lon_max and self.lat_min <= lat <= self.lat_max

    def __str__(self) -> str:
        return f"lon {self.lon_min:g}..{self.lon_max:g}, lat {self.lat_min:g}..{self.lat_max:g}"


PROJECT_REGION = Region(lon_min=20, lon_max=90, lat_min=0, lat_max=65)
"""From the Balkans' edge to western China, the Indian Ocean to the Arctic Circle."""

MAX_DECIMALS = 6
"""Six decimals of a degree is about 0.1 m: more is noise from a tool, not precision."""

LENGTH_TOLERANCE = 0.15
"""How far a drawn length may differ from a stated one before it needs a note."""

LINE_TYPES = ("LineString", "MultiLineString")
GEOD = Geod(ellps="WGS84")

Found = list[tuple[str, str]]
"""(field, message) pairs: problems of one feature, located relative to it."""

JsonPath = list[str | int]


def check_line(geometry: Any) -> tuple[Found, float | None]:
    """The problems of a feature's geometry, and its geodesic length in km when it is sound.

    Types and missing keys are the schema's to report; this checks what it can of the rest.
    """
    if not isinstance(geometry, dict) or geometry.get("type") not in LINE_TYPES:
        return [], None
    if "coordinates" not in geometry:
        return [], None
    parts, found = _parts(geometry["type"], geometry["coordinates"])
    for path, part in parts:
        found.extend(_part_problems(path, part))
    if not found:
        for path, part in parts:
            found.extend(_length_problems(path, part))
    if found:
        return found, None
    line = shape(geometry)
    if not line.is_valid:
        return [("geometry", f"invalid geometry: {explain_validity(line)}")], None
    return [], geodesic_km(geometry)


def geodesic_km(geometry: dict[str, Any]) -> float:
    """Geodesic length in km (WGS84) of a LineString or MultiLineString: the one definition."""
    return float(GEOD.geometry_length(shape(geometry))) / 1000


def _parts(kind: str, coords: Any) -> tuple[list[tuple[JsonPath, Any]], Found]:
    """The lines to check, each with its path; or why the coordinates hold no lines."""
    base: JsonPath = ["geometry", "coordinates"]
    mixup = _type_mixup(kind, coords)
    if mixup:
        return [], [(field_path(base), mixup)]
    if kind == "LineString":
        return [(base, coords)], []
    if isinstance(coords, list) and coords:
        return [([*base, i], part) for i, part in enumerate(coords)], []
    return [], [(field_path(base), f"is {short(coords)}; expected an array of lines")]


def _type_mixup(kind: str, coords: Any) -> str | None:
    """A message when the coordinates have the other line type's shape."""
    if not isinstance(coords, list) or not coords:
        return None
    if kind == "MultiLineString" and all(_is_position(c) for c in coords):
        return (
            "holds [lon, lat] positions, as a LineString does; "
            "expected an array of lines for a MultiLineString"
        )
    lines = all(isinstance(c, list) and c and all(_is_position(p) for p in c) for c in coords)
    if kind == "LineString" and lines:
        return (
            "holds lines, as a MultiLineString does; "
            "expected an array of [lon, lat] positions for a LineString"
        )
    return None


def _part_problems(path: JsonPath, part: Any) -> Found:
    if not isinstance(part, list) or len(part) < 2:
        return [(field_path(path), f"is {short(part)}; expected a line of 2 or more [lon, lat]")]
    found: Found = []
    for i, position in enumerate(part):
        found.extend(_position_problems([*path, i], position))
    return found


def _position_problems(path: JsonPath, position: Any) -> Found:
    if not _is_position(position):
        return [(field_path(path), f"is {short(position)}; expected [lon, lat], two numbers")]
    lon, lat = position
    found: Found = []
    for axis, (name, value, limit) in enumerate((("longitude", lon, 180), ("latitude", lat, 90))):
        if not -limit <= value <= limit:
            found.append(
                (
                    field_path([*path, axis]),
                    f"{name} {value} is out of range; expected -{limit} to {limit}",
                )
            )
        elif (places := decimals(value)) > MAX_DECIMALS:
            found.append(
                (
                    field_path([*path, axis]),
                    f"{name} {value} has {places} decimals; expected at most {MAX_DECIMALS}",
                )
            )
    in_range = -180 <= lon <= 180 and -90 <= lat <= 90
    if in_range and not PROJECT_REGION.contains(lon, lat):
        found.append(
            (
                field_path(path),
                f"position {position} is outside the project region "
                f"({PROJECT_REGION}); is it [lat, lon]?",
            )
        )
    return found


def _length_problems(path: JsonPath, part: list[list[float]]) -> Found:
    distinct = {tuple(p) for p in part}
    if len(distinct) < 2:
        return [
            (
                field_path(path),
                f"zero-length line: all {len(part)} positions are "
                f"{part[0]}; expected at least two distinct positions",
            )
        ]
    return []


def _is_position(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def decimals(value: float) -> int:
    """How many decimals a JSON number was written with (0 for integers)."""
    if isinstance(value, int):
        return 0
    exponent = Decimal(repr(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def length_problem(drawn_km: float, stated_km: float, what: str) -> str | None:
    """A message when `drawn_km` is more than 15% away from `stated_km`, else None."""
    if stated_km <= 0 or abs(drawn_km - stated_km) <= LENGTH_TOLERANCE * stated_km:
        return None
    off = (drawn_km - stated_km) / stated_km
    return (
        f"{what} is {drawn_km:.1f} km but the source states {stated_km:g} km ({off:+.0%}); "
        f"expected within {LENGTH_TOLERANCE:.0%}, or a note saying why they differ"
    )
