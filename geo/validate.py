"""Validates a whole data set and reports every problem: `python -m geo.validate [--root DIR]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geo.citations import check_passages, check_sources
from geo.dating import check_dating
from geo.inventory import Inventory, Layer
from geo.load import DataFileError, read_json
from geo.paths import REPO_ROOT, DataPaths
from geo.problems import FILE_LEVEL, Report
from geo.records import check_conflicts, check_corridors, check_vocabulary
from geo.schemas import schema_problems
from geo.seeds import read_seeds
from geo.segments import check_layers

DATA_FILES = (
    # (DataPaths attribute, schema name, the field that names a record in problems)
    ("passages", "passages", "id"),
    ("sources", "sources", "seed"),
    ("corridors", "corridors", "id"),
    ("conflicts", "conflicts", "id"),
    ("vocabulary", "vocabulary", "id"),
)


def validate(paths: DataPaths) -> Report:
    """Run every check on the data set at `paths`; never raises for bad data."""
    report = Report()
    inv = read_inventory(paths, report)
    check_vocabulary(inv, report)
    check_layers(inv, report)
    check_dating(inv, report)
    check_passages(inv, report)
    check_sources(inv, report)
    check_corridors(inv, report)
    check_conflicts(inv, report)
    _count(inv, report)
    return report


def read_inventory(paths: DataPaths, report: Report) -> Inventory:
    """Parse and schema-check every file; a file that cannot be parsed is reported, kept None."""
    docs = {
        name: _read(paths, getattr(paths, name), schema, key, report)
        for name, schema, key in DATA_FILES
    }
    layers = [
        Layer(paths.relative(path), path.name, _read(paths, path, "layer", "features", report))
        for path in paths.layer_files()
    ]
    seeds = read_seeds(paths.seeds)
    if not seeds:
        report.add(
            paths.relative(paths.seeds),
            FILE_LEVEL,
            FILE_LEVEL,
            "no seed files; expected at least one seeds/*.txt",
        )
    for seed in seeds.values():
        if seed.text is None:
            report.add(
                seed.shown_as,
                FILE_LEVEL,
                FILE_LEVEL,
                "not valid UTF-8; expected UTF-8 text (offsets count its code points)",
            )
    return Inventory(
        paths=paths,
        seeds=seeds,
        layers=[layer for layer in layers if layer.doc is not None],
        layers_complete=all(layer.doc is not None for layer in layers),
        **docs,
    )


def _read(paths: DataPaths, path: Path, schema: str, key: str, report: Report) -> Any:
    shown = paths.relative(path)
    try:
        doc = read_json(path, shown)
    except DataFileError as exc:
        report.add(shown, FILE_LEVEL, FILE_LEVEL, f"{exc.message}; expected a UTF-8 JSON file")
        return None
    report.extend(schema_problems(paths.schema(schema), doc, shown, key))
    return doc


def _count(inv: Inventory, report: Report) -> None:
    report.count("layers", len(inv.layers))
    report.count("segments", sum(_length(layer.doc, "features") for layer in inv.layers))
    for name in ("passages", "sources", "corridors", "conflicts"):
        doc = getattr(inv, name)
        report.count(name, len(doc) if isinstance(doc, list) else 0)


def _length(doc: Any, key: str) -> int:
    value = doc.get(key) if isinstance(doc, dict) else None
    return len(value) if isinstance(value, list) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Print every problem and a summary; exit status 0 when the data set is valid, else 1."""
    parser = argparse.ArgumentParser(prog="python -m geo.validate", description=__doc__)
    parser.add_argument(
        "--root", type=Path, default=REPO_ROOT, help="data set root (default: the repository)"
    )
    args = parser.parse_args(argv)
    report = validate(DataPaths(args.root.resolve()))
    for problem in report.by_file():
        print(problem)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
