"""Where lines lie: land lines inside their countries, sea lanes on water (Natural Earth)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from geo.paths import BASEMAP

GEOD = Geod(ellps="WGS84")
LAND_TOLERANCE_M = 3_000.0
"""Border crossings run along the border line, and the base map is simplified."""
SEA_TOLERANCE_M = 1_000.0
"""Simplified coastlines may put a near-shore lane a little over land."""
PORT_APPROACH_M = 10_000.0
"""A lane's first and last 10 km reach the quay, which the base map may draw as land."""
SAMPLE_STEP_DEG = 0.02
"""Points are checked about every 2 km, so a long straight piece cannot jump a border."""

INLAND_WATERWAYS = {
    # Natural Earth draws the Volga delta as land; ships reach Astrakhan by its channel.
    "the Volga-Caspian ship channel to Astrakhan": box(47.3, 45.3, 48.3, 46.5),
}

Positions = Sequence[Sequence[float]]


@dataclass(frozen=True)
class Country:
    """One base-map country: ISO code, name and (prepared) polygon."""

    code: str
    name: str
    area: BaseGeometry


@cache
def load_countries(path: Path = BASEMAP) -> tuple[Country, ...]:
    """The base map's countries, prepared for fast point tests; read once per process."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    countries = []
    for feature in collection["features"]:
        area = shape(feature["geometry"])
        shapely.prepare(area)
        props = feature["properties"]
        countries.append(Country(props["iso_a2"] or "", props["name"], area))
    return tuple(countries)


@cache
def union_of(codes: frozenset[str], path: Path = BASEMAP) -> BaseGeometry:
    area = shapely.union_all([c.area for c in load_countries(path) if c.code in codes])
    shapely.prepare(area)
    return area


def where_is(point: Point, path: Path = BASEMAP) -> str:
    """The country a point falls in, or the sea."""
    for country in load_countries(path):
        if country.area.contains(point):
            return f"{country.name} ({country.code})"
    return "the sea"


def metres_between(a: Point, b: Point) -> float:
    return float(GEOD.inv(a.x, a.y, b.x, b.y)[2])


def samples(part: Positions) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lons, lats and distance from the start (m) of points about every 2 km along a line."""
    line = shapely.segmentize(LineString(part), SAMPLE_STEP_DEG)
    xy = np.asarray(line.coords)
    lons, lats = xy[:, 0], xy[:, 1]
    steps = GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])[2]
    return lons, lats, np.concatenate([[0.0], np.cumsum(steps)])


def land_problem(
    parts: Sequence[Positions], countries: Sequence[str], path: Path = BASEMAP
) -> str | None:
    """Why a land line leaves its listed countries (the first point that does), or None."""
    allowed = union_of(frozenset(countries), path)
    for part in parts:
        lons, lats, along = samples(part)
        # Vectorised containment first: only the few points outside need a distance.
        for i in np.flatnonzero(~shapely.contains_xy(allowed, lons, lats)):
            point = Point(lons[i], lats[i])
            gap = metres_between(point, nearest_points(allowed, point)[0])
            if gap > LAND_TOLERANCE_M:
                return (
                    f"the line leaves its countries: ({point.x:.5f}, {point.y:.5f}), "
                    f"{along[i] / 1000:.0f} km along it, is {gap / 1000:.1f} km outside "
                    f"{', '.join(countries)}, in {where_is(point, path)}; expected every point "
                    f"within {LAND_TOLERANCE_M / 1000:g} km of the listed countries"
                )
    return None


def sea_problem(parts: Sequence[Positions], path: Path = BASEMAP) -> str | None:
    """Why a sea lane crosses land (the first point deep inside a country), or None."""
    for part in parts:
        lons, lats, along = samples(part)
        open_sea = np.minimum(along, along[-1] - along) >= PORT_APPROACH_M
        for country in load_countries(path):
            inside = open_sea & shapely.contains_xy(country.area, lons, lats)
            for i in np.flatnonzero(inside):
                point = Point(lons[i], lats[i])
                if _on_waterway(point):
                    continue
                depth = metres_between(point, nearest_points(country.area.boundary, point)[0])
                if depth > SEA_TOLERANCE_M:
                    return (
                        f"the sea lane crosses land: ({point.x:.5f}, {point.y:.5f}), "
                        f"{along[i] / 1000:.0f} km along it, is {depth / 1000:.1f} km inside "
                        f"{country.name} ({country.code}); expected water except near its ports"
                    )
    return None


def _on_waterway(point: Point) -> bool:
    return any(area.contains(point) for area in INLAND_WATERWAYS.values())
