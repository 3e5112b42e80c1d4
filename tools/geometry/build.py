"""Applies the route spec to the layer files and reports lengths."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.lines import geodesic_km
from tools.geometry.draw import draw_route
from tools.geometry.lines import make_geometry
from tools.geometry.routes import CHAIN_CHECKS, ROUTES_BY_ID

STATED_TOLERANCE = 0.15


@dataclass
class Drawn:
    """One feature's new geometry and what to report about it."""

    id: str
    layer: str
    vertices: int
    km: float
    precision: str
    stated_km: float | None


def read_layer(path: Path) -> dict[str, Any]:
    """Load a layer FeatureCollection."""
    collection: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if collection.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a FeatureCollection")
    return collection


def write_layer(path: Path, collection: dict[str, Any]) -> None:
    """Write pretty JSON the way the layers are committed (indent 2, UTF-8, final newline)."""
    text = json.dumps(collection, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def warn(message: str) -> None:
    """Print a warning to stderr."""
    print(f"warning: {message}", file=sys.stderr)


def apply_routes(collection: dict[str, Any], layer: str) -> list[Drawn]:
    """Replace geometry, precision and geometry_note of every feature in the spec, in place."""
    drawn: list[Drawn] = []
    for feature in collection["features"]:
        props = feature.get("properties") or {}
        route = ROUTES_BY_ID.get(props.get("id", ""))
        if route is None:
            continue
        if props.get("mode") != route.mode:
            warn(f"{layer}: {route.id} has mode {props.get('mode')!r}; spec draws {route.mode}")
        if sorted(props.get("countries") or []) != sorted(route.countries):
            warn(f"{layer}: {route.id} countries {props.get('countries')} vs {route.countries}")
        geometry = make_geometry(draw_route(route))
        feature["geometry"] = geometry
        props["precision"] = route.precision
        props["geometry_note"] = route.note
        stated = props.get("length_km_stated") or {}
        drawn.append(
            Drawn(
                id=route.id,
                layer=layer,
                vertices=len(geometry["coordinates"]),
                km=geodesic_km(geometry),
                precision=route.precision,
                stated_km=stated.get("km"),
            )
        )
    return drawn


def format_table(rows: list[Drawn]) -> str:
    """The id / vertices / km table, with stated lengths and chain sums."""
    lines = [f"{'id':<32} {'vertices':>8} {'km':>8}  {'precision':<11} stated"]
    for row in rows:
        stated = ""
        if row.stated_km:
            ratio = row.km / row.stated_km - 1
            flag = "" if abs(ratio) <= STATED_TOLERANCE else "  OUTSIDE 15%"
            stated = f"{row.stated_km:g} km ({ratio:+.0%}){flag}"
        lines.append(f"{row.id:<32} {row.vertices:>8} {row.km:>8.1f}  {row.precision:<11} {stated}")
    by_id = {row.id: row for row in rows}
    for label, ids, km in CHAIN_CHECKS:
        if not all(i in by_id for i in ids):
            continue
        total = sum(by_id[i].km for i in ids)
        lines.append(f"sum {label}: {total:.0f} km vs stated {km:g} km ({total / km - 1:+.0%})")
    return "\n".join(lines)


def build_layers(layers_dir: Path, write: bool) -> list[Drawn]:
    """Draw every spec feature found in layers_dir/*.geojson; write files unless check-only."""
    paths = sorted(layers_dir.glob("*.geojson"))
    if not paths:
        raise FileNotFoundError(f"no *.geojson in {layers_dir}")
    rows: list[Drawn] = []
    for path in paths:
        collection = read_layer(path)
        drawn = apply_routes(collection, path.stem)
        if drawn and write:
            write_layer(path, collection)
        rows.extend(drawn)
    found = {row.id for row in rows}
    for missing in sorted(set(ROUTES_BY_ID) - found):
        warn(f"spec id {missing} is in no layer under {layers_dir}")
    return rows
