"""Command line: python -m tools.geometry --layers-dir layers [--check] [--nodes]."""

from __future__ import annotations

import argparse
from pathlib import Path

from tools.geometry.build import build_layers, format_table
from tools.geometry.gazetteer import describe_source, resolve_node
from tools.geometry.nodes import NODES


def print_nodes() -> None:
    """List every node with its coordinates and their source."""
    for node in NODES:
        lon, lat = resolve_node(node)
        print(f"{node.id:<22} {lat:9.5f} {lon:9.5f}  {node.country}  {describe_source(node)}")


def main(argv: list[str] | None = None) -> int:
    """Draw the layer geometries (or only report them with --check)."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.geometry",
        description="Draw corridor line geometries into layers/*.geojson from the route spec.",
    )
    parser.add_argument("--layers-dir", type=Path, default=Path("layers"))
    parser.add_argument("--check", action="store_true", help="compute and print; write nothing")
    parser.add_argument("--nodes", action="store_true", help="also list the nodes and sources")
    args = parser.parse_args(argv)
    if args.nodes:
        print_nodes()
    rows = build_layers(args.layers_dir, write=not args.check)
    print(format_table(rows))
    if args.check:
        print("(--check: no file written)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
