"""Renders the layer lines over the basemap to a PNG for eyeballing (needs Pillow)."""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from shapely.geometry import box, shape

from tools.geometry.bank import BASEMAP_PATH

COLOURS = {"alignment": (200, 20, 20), "approximate": (20, 60, 220), "schematic": (230, 120, 0)}
WATER = (200, 225, 245)
LAND = (242, 236, 220)
Bbox = tuple[float, float, float, float]


def project(bbox: Bbox, width: int) -> tuple[Any, int]:
    """Equirectangular projection scaled to the bbox's mid-latitude; returns (fn, height)."""
    west, south, east, north = bbox
    aspect = (north - south) / ((east - west) * math.cos(math.radians((south + north) / 2)))
    height = int(width * aspect)

    def to_pixel(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) / (east - west) * width, (north - lat) / (north - south) * height)

    return to_pixel, height


def render(layers_dir: Path, out: Path, bbox: Bbox, width: int) -> None:
    """Draw countries, then every layer line coloured by precision, then labels."""
    to_pixel, height = project(bbox, width)
    image = Image.new("RGB", (width, height), WATER)
    draw = ImageDraw.Draw(image)
    frame = box(*bbox)
    for feature in json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))["features"]:
        geom = shape(feature["geometry"])
        if not geom.intersects(frame):
            continue
        for poly in getattr(geom, "geoms", [geom]):
            draw.polygon(
                [to_pixel(*c) for c in poly.exterior.coords], fill=LAND, outline=(150, 120, 120)
            )
        label = geom.intersection(frame).representative_point()
        draw.text(
            to_pixel(label.x, label.y), feature["properties"]["iso_a2"] or "?", fill=(140, 100, 100)
        )
    for path in sorted(layers_dir.glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if not feature.get("geometry"):
                continue
            geom = shape(feature["geometry"])
            colour = COLOURS.get(feature["properties"].get("precision"), (0, 0, 0))
            for part in getattr(geom, "geoms", [geom]):
                pixels = [to_pixel(*c) for c in part.coords]
                draw.line(pixels, fill=colour, width=3)
                for x, y in pixels:
                    draw.ellipse([x - 1.5, y - 1.5, x + 1.5, y + 1.5], fill=(0, 0, 0))
            mid = geom.interpolate(0.5, normalized=True)
            if frame.contains(mid):
                draw.text(to_pixel(mid.x, mid.y), feature["properties"]["id"], fill=(0, 0, 0))
    image.save(out)


def main(argv: list[str] | None = None) -> int:
    """python -m tools.geometry.preview --layers-dir layers --out preview.png [--bbox W S E N]."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--layers-dir", type=Path, default=Path("layers"))
    parser.add_argument("--out", type=Path, default=Path("artifacts/geometry-preview.png"))
    parser.add_argument("--bbox", type=float, nargs=4, default=(25.0, 10.0, 80.0, 62.0))
    parser.add_argument("--width", type=int, default=1600)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    render(args.layers_dir, args.out, tuple(args.bbox), args.width)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
