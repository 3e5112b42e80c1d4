"""Cleans drawn paths into valid GeoJSON lines and measures them on the WGS84 ellipsoid."""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString

from tools.geometry.gazetteer import LonLat

DECIMALS = 5  # about 1 m; the sources are nowhere near that precise


def round_path(path: list[LonLat], decimals: int = DECIMALS) -> list[LonLat]:
    """Round to `decimals` and drop consecutive duplicates created by rounding or joins."""
    out: list[LonLat] = []
    for lon, lat in path:
        point = (round(lon, decimals), round(lat, decimals))
        if not out or out[-1] != point:
            out.append(point)
    return out


def drop_reversals(path: list[LonLat]) -> list[LonLat]:
    """Remove out-and-back spikes (A, B, A -> A) left where two graph legs meet on a spur."""
    out: list[LonLat] = []
    for point in path:
        if len(out) >= 2 and out[-2] == point:
            out.pop()
            continue
        if not out or out[-1] != point:
            out.append(point)
    return out


def make_geometry(path: list[LonLat]) -> dict[str, Any]:
    """Build a validated GeoJSON LineString from a drawn path."""
    coords = drop_reversals(round_path(path))
    if len(coords) < 2:
        raise ValueError(f"path collapses to {len(coords)} point(s)")
    line = LineString(coords)
    if not line.is_valid or line.length == 0:
        raise ValueError("path is not a valid line")
    return {"type": "LineString", "coordinates": [list(c) for c in coords]}
