"""Every layer line lies where it should: land lines in their countries, sea lanes on water.

Runs against the committed layers/ (set GEOGRAPHY_LAYERS_DIR to test another directory) and
data/basemap/countries.geojson. Needs only shapely and pyproj.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parents[2]
LAYERS_DIR = Path(os.environ.get("GEOGRAPHY_LAYERS_DIR", ROOT / "layers"))
BASEMAP = ROOT / "data" / "basemap" / "countries.geojson"
GEOD = Geod(ellps="WGS84")

LAND_TOLERANCE_M = 3000.0  # border crossings run along the line; the basemap is simplified
SEA_TOLERANCE_M = 1000.0  # simplified coastlines
PORT_APPROACH_M = 10_000.0  # a lane's first and last 10 km reach the quay over land polygons
STATED_TOLERANCE = 0.15
SAMPLE_STEP_DEG = 0.02  # check points every ~2 km, so a straight piece cannot jump a border
MAX_DECIMALS = 6

# Natural Earth draws river deltas as land. A lane may run up these ship channels to a port.
INLAND_WATERWAYS = {
    "Volga-Caspian ship channel to Astrakhan": box(47.3, 45.3, 48.3, 46.5),
}


def load_features() -> list[tuple[str, dict[str, Any]]]:
    """(layer file name, feature) for every feature of every layer file."""
    found = []
    for path in sorted(LAYERS_DIR.glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            found.append((path.name, feature))
    return found


FEATURES = load_features()
PARAMS = [
    pytest.param(name, feature, id=str(feature.get("properties", {}).get("id", "?")))
    for name, feature in FEATURES
] or [pytest.param(None, None, id="no-layers", marks=pytest.mark.skip(f"no {LAYERS_DIR}"))]


@cache
def load_countries() -> list[tuple[str, str, BaseGeometry]]:
    """(iso_a2, name, polygon) of every basemap country."""
    collection = json.loads(BASEMAP.read_text(encoding="utf-8"))
    out = []
    for feature in collection["features"]:
        geom = shape(feature["geometry"])
        shapely.prepare(geom)
        out.append((feature["properties"]["iso_a2"] or "", feature["properties"]["name"], geom))
    return out


@cache
def union_of(codes: tuple[str, ...]) -> BaseGeometry:
    """Union of the basemap polygons of these ISO codes."""
    geom = shapely.union_all([g for code, _, g in load_countries() if code in codes])
    shapely.prepare(geom)
    return geom


def locate(point: Point) -> str:
    """Name the country a point falls in, or 'sea'."""
    for code, name, geom in load_countries():
        if geom.contains(point):
            return f"{name} ({code})"
    return "sea (no country)"


def distance_m(point: Point, geom: BaseGeometry) -> float:
    """Geodesic distance from a point to the nearest point of a geometry (0 if inside)."""
    if geom.contains(point):
        return 0.0
    nearest = nearest_points(geom, point)[0]
    return float(GEOD.inv(point.x, point.y, nearest.x, nearest.y)[2])


def depth_inside_m(point: Point, geom: BaseGeometry) -> float:
    """How far inside a polygon a point lies, in metres (0 if outside)."""
    if not geom.contains(point):
        return 0.0
    nearest = nearest_points(geom.boundary, point)[0]
    return float(GEOD.inv(point.x, point.y, nearest.x, nearest.y)[2])


def parts_of(feature: dict[str, Any]) -> list[list[list[float]]]:
    """The coordinate lists of a LineString or MultiLineString."""
    geometry = feature["geometry"]
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def sample_points(coords: list[list[float]]) -> list[tuple[Point, float]]:
    """Vertices and points every SAMPLE_STEP_DEG between them, with their distance along (m)."""
    line = shapely.segmentize(shapely.LineString(coords), SAMPLE_STEP_DEG)
    out: list[tuple[Point, float]] = []
    along = 0.0
    previous = None
    for lon, lat in line.coords:
        if previous is not None:
            along += float(GEOD.inv(previous[0], previous[1], lon, lat)[2])
        out.append((Point(lon, lat), along))
        previous = (lon, lat)
    return out


def describe(file_name: str, feature: dict[str, Any]) -> str:
    """Prefix for failure messages."""
    return f"{file_name}: {feature['properties'].get('id')}"


def has_geometry(feature: dict[str, Any] | None) -> bool:
    """Skip features the builder has not drawn yet."""
    return bool(feature and feature.get("geometry"))


@pytest.mark.parametrize(("file_name", "feature"), PARAMS)
def test_coordinates_are_lon_lat_with_few_decimals(file_name: str, feature: dict) -> None:
    if not has_geometry(feature):
        pytest.skip("no geometry yet")
    where = describe(file_name, feature)
    assert feature["geometry"]["type"] in {"LineString", "MultiLineString"}, where
    for coords in parts_of(feature):
        assert len(coords) >= 2, f"{where}: a line needs at least two positions"
        for lon, lat in coords:
            assert -180 <= lon <= 180 and -90 <= lat <= 90, f"{where}: {lon, lat} out of range"
            for value in (lon, lat):
                assert round(value, MAX_DECIMALS) == value, f"{where}: {value} has >6 decimals"
    geom = shape(feature["geometry"])
    assert geom.is_valid and geom.length > 0, f"{where}: invalid or zero-length geometry"


@pytest.mark.parametrize(("file_name", "feature"), PARAMS)
def test_land_lines_stay_in_their_countries(file_name: str, feature: dict) -> None:
    if not has_geometry(feature) or feature["properties"].get("mode") == "sea":
        pytest.skip("sea lane or no geometry")
    where = describe(file_name, feature)
    countries = tuple(sorted(feature["properties"]["countries"]))
    allowed = union_of(countries)
    for coords in parts_of(feature):
        for point, along in sample_points(coords):
            gap = distance_m(point, allowed)
            assert gap <= LAND_TOLERANCE_M, (
                f"{where}: point ({point.x:.5f}, {point.y:.5f}) {along / 1000:.0f} km along "
                f"the line is {gap / 1000:.1f} km outside {', '.join(countries)}; it falls in "
                f"{locate(point)}"
            )


@pytest.mark.parametrize(("file_name", "feature"), PARAMS)
def test_sea_lanes_stay_on_water(file_name: str, feature: dict) -> None:
    if not has_geometry(feature) or feature["properties"].get("mode") != "sea":
        pytest.skip("not a sea lane")
    where = describe(file_name, feature)
    for coords in parts_of(feature):
        samples = sample_points(coords)
        total = samples[-1][1]
        for point, along in samples:
            if along < PORT_APPROACH_M or total - along < PORT_APPROACH_M:
                continue
            if any(area.contains(point) for area in INLAND_WATERWAYS.values()):
                continue
            for code, name, geom in load_countries():
                depth = depth_inside_m(point, geom)
                assert depth <= SEA_TOLERANCE_M, (
                    f"{where}: point ({point.x:.5f}, {point.y:.5f}) {along / 1000:.0f} km "
                    f"along the lane is {depth / 1000:.1f} km inside {name} ({code}); sea "
                    f"lanes must stay on water"
                )


@pytest.mark.parametrize(("file_name", "feature"), PARAMS)
def test_drawn_length_matches_stated_length(file_name: str, feature: dict) -> None:
    stated = feature and feature["properties"].get("length_km_stated")
    if not has_geometry(feature) or not stated:
        pytest.skip("no stated length or no geometry")
    if stated.get("note"):
        pytest.skip(f"length difference explained: {stated['note']}")
    where = describe(file_name, feature)
    drawn_km = sum(
        GEOD.line_length([c[0] for c in coords], [c[1] for c in coords]) / 1000
        for coords in parts_of(feature)
    )
    low, high = stated["km"] * (1 - STATED_TOLERANCE), stated["km"] * (1 + STATED_TOLERANCE)
    assert low <= drawn_km <= high, (
        f"{where}: drawn {drawn_km:.0f} km, stated {stated['km']} km; expected "
        f"{low:.0f}-{high:.0f} km or a length_km_stated.note explaining the difference"
    )
