"""Lines that follow one bank of a border river, drawn from the basemap's country polygons.

The Araz (Aras) is the border between Azerbaijan/Armenia and Iran, and the lines along it
(Horadiz-Aghband, Meghri, Ordubad-Julfa) run on its bank. Natural Earth's border follows the
river's course, so the country polygon shrunk by about 1 km gives a line on the right bank.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring, transform

from tools.geometry.gazetteer import LonLat

BASEMAP_PATH = Path(__file__).resolve().parents[2] / "static" / "basemap" / "countries.geojson"
BANK_OFFSET_M = 1000.0
# The far bank must stay close: a larger gap means the arc left the river.
MAX_MEAN_GAP_TO_OTHER_M = 3000.0


@cache
def load_country(iso_a2: str) -> BaseGeometry:
    """Union of the basemap polygons with this ISO code."""
    collection = json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))
    parts = [
        shape(f["geometry"]) for f in collection["features"] if f["properties"]["iso_a2"] == iso_a2
    ]
    if not parts:
        raise KeyError(f"{iso_a2} not in {BASEMAP_PATH}")
    return shapely.union_all(parts)


def make_local_projection(origin: LonLat) -> tuple[Transformer, Transformer]:
    """Azimuthal equidistant projection centred on origin, so offsets are in metres."""
    crs = f"+proj=aeqd +lat_0={origin[1]} +lon_0={origin[0]} +datum=WGS84 +units=m"
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    backward = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return forward, backward


def pick_arc(ring: LineString, start: Point, end: Point) -> LineString:
    """The shorter of the two arcs of a closed ring between the projections of start and end."""
    total = ring.length
    s0, s1 = ring.project(start), ring.project(end)
    lo, hi = sorted((s0, s1))
    inner = substring(ring, lo, hi)
    # The complementary arc wraps through the ring's start point.
    outer_coords = list(substring(ring, hi, total).coords) + list(substring(ring, 0, lo).coords)
    outer = LineString(outer_coords)
    arc, reverse = (inner, s0 > s1) if inner.length <= outer.length else (outer, s0 < s1)
    return LineString(list(arc.coords)[::-1]) if reverse else arc


def route_bank(points: list[LonLat], bank: str, other: str) -> list[LonLat]:
    """Follow the `bank` country's side of its river border with `other` from first to last point.

    Intermediate points only name the places passed; the line follows the river, not them.
    """
    start, end = points[0], points[-1]
    forward, backward = make_local_projection(start)
    country = transform(forward.transform, load_country(bank))
    shrunk = country.buffer(-BANK_OFFSET_M)
    p_start = Point(forward.transform(*start))
    p_end = Point(forward.transform(*end))
    polygons = list(getattr(shrunk, "geoms", [shrunk]))
    polygon = min(polygons, key=lambda poly: poly.distance(p_start) + poly.distance(p_end))
    arc = pick_arc(LineString(polygon.exterior.coords), p_start, p_end)
    arc = arc.simplify(150.0)  # drop buffer-rounding vertices; well under the 1 km offset
    other_m = transform(forward.transform, load_country(other))
    gaps = [other_m.distance(Point(c)) for c in arc.coords]
    if sum(gaps) / len(gaps) > MAX_MEAN_GAP_TO_OTHER_M:
        raise ValueError(f"bank line {bank}/{other} from {start} to {end} strays from the border")
    coords = [p_start.coords[0], *arc.coords, p_end.coords[0]]
    return [backward.transform(x, y) for x, y in coords]
