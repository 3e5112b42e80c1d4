"""The data sets the benchmark serves: the shipped one, and copies grown with synthetic segments.

A grown copy holds the shipped seeds, data and layers plus one synthetic layer whose segments
fill a grid of small cells over Central Asia (lon 60-75, lat 38-52), east of every real
corridor: one wiggly line of about 20 vertices per cell, never leaving its cell. Each line lists
the countries it crosses, and its status history cites shipped passages that state its years,
so the copy passes `python -m geo.validate` like the real data.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import LineString

from geo.geography import load_countries
from geo.load import load_dataset
from geo.models import Dataset
from geo.paths import REPO_ROOT, DataPaths
from geo.timeline import status_as_of, year_span
from geo.validate import validate

SHIPPED = "shipped"
CORRIDOR = "bench-synthetic"
LAYER = f"{CORRIDOR}.geojson"
GRID = (60.0, 75.0, 38.0, 52.0)
"""lon min, lon max, lat min, lat max: Central Asia, clear of every shipped corridor."""
VERTICES = 20
MARGIN = 0.1
"""Of a cell's width and height, kept free so that neighbouring lines never touch."""
DECIMALS = 5
SEED = 4
"""For the random wiggles and statuses: every run draws the same data set."""


@dataclass(frozen=True)
class Dated:
    """A year a status can be dated to, and a passage that dates it so."""

    year: int
    dated_by: str
    passage: str


def prepare(scale: str, workdir: Path) -> Path:
    """The root of the data set for a scale: the repository, or a grown copy in workdir."""
    if scale == SHIPPED:
        return REPO_ROOT
    total = int(scale)
    root = workdir / f"data-{total}"
    if root.exists():
        shutil.rmtree(root)
    for part in ("seeds", "data", "layers"):
        shutil.copytree(REPO_ROOT / part, root / part)
    grow(DataPaths(root), total)
    report = validate(DataPaths(root))
    if not report.ok:
        problems = "\n".join(map(str, report.by_file()[:10]))
        raise RuntimeError(f"the synthetic data set does not validate:\n{problems}")
    return root


def grow(paths: DataPaths, total: int) -> None:
    """Add a synthetic layer and its corridor so the data set holds `total` segments."""
    dataset = load_dataset(paths)
    count = total - len(dataset.segments)
    if count <= 0:
        raise ValueError(f"the shipped data already has {len(dataset.segments)} segments")
    features = synthetic_features(count, dating_choices(dataset))
    layer = {"type": "FeatureCollection", "features": features}
    (paths.layers / LAYER).write_text(json.dumps(layer), encoding="utf-8")
    corridors = json.loads(paths.corridors.read_text(encoding="utf-8"))
    corridors.append(
        {
            "id": CORRIDOR,
            "name": "Synthetic benchmark corridor",
            "layer": LAYER,
            "aliases": [],
            "passages": [],
            "stated_lengths": [],
        }
    )
    paths.corridors.write_text(json.dumps(corridors, ensure_ascii=False), encoding="utf-8")


def dating_choices(dataset: Dataset) -> list[Dated]:
    """For each year of the data's span that a status can be dated to, one passage that dates
    it: a passage stating the year (dated_by event), else one from a source published that
    year (publication). In year order."""
    first, last = year_span(dataset)
    found: dict[int, Dated] = {}
    for passage in sorted(dataset.passages.values(), key=lambda p: p.id, reverse=True):
        source = dataset.sources.get(passage.seed)
        if source is not None and source.year is not None and first <= source.year <= last:
            found[source.year] = Dated(source.year, "publication", passage.id)
    for passage in sorted(dataset.passages.values(), key=lambda p: p.id, reverse=True):
        for year in range(first, last + 1):
            if str(year) in passage.text:
                found[year] = Dated(year, "event", passage.id)
    return [found[year] for year in sorted(found)]


def synthetic_features(count: int, dated: list[Dated]) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    columns = math.ceil(math.sqrt(count * (GRID[1] - GRID[0]) / (GRID[3] - GRID[2])))
    rows = math.ceil(count / columns)
    width, height = (GRID[1] - GRID[0]) / columns, (GRID[3] - GRID[2]) / rows
    features = []
    for index in range(count):
        row, column = divmod(index, columns)
        west, south = GRID[0] + column * width, GRID[2] + row * height
        line = wiggle(rng, west, south, width, height)
        features.append(feature(index, line, statuses(rng, index, dated)))
    return features


def wiggle(rng: random.Random, west: float, south: float, width: float, height: float) -> list:
    """A line across the inner part of a cell, west to east, swinging up and down within it."""
    phase, turns = rng.uniform(0, math.tau), rng.uniform(1.0, 3.0)
    inner_w, inner_h = width * (1 - 2 * MARGIN), height * (1 - 2 * MARGIN)
    line = []
    for step in range(VERTICES):
        share = step / (VERTICES - 1)
        lon = west + width * MARGIN + inner_w * share
        lat = south + height / 2 + inner_h / 2 * math.sin(phase + turns * math.tau * share)
        line.append([round(lon, DECIMALS), round(lat, DECIMALS)])
    return line


def statuses(rng: random.Random, index: int, dated: list[Dated]) -> list[dict[str, Any]]:
    """One or two dated statuses; first years cycle through every datable year, so that every
    year of the slider shows a different set."""
    first = index % len(dated)
    chosen = [dated[first]]
    if first + 1 < len(dated) and rng.random() < 0.5:
        chosen.append(dated[rng.randrange(first + 1, len(dated))])
    names = ("proposed", "agreed", "financed", "under-construction", "operational")
    return [
        {
            "year": entry.year,
            "status": names[min(rank + rng.randrange(2), len(names) - 1)],
            "dated_by": entry.dated_by,
            "passages": [entry.passage],
        }
        for rank, entry in enumerate(chosen)
    ]


def feature(index: int, line: list, history: list[dict[str, Any]]) -> dict[str, Any]:
    shape = LineString(line)
    countries = sorted(c.code for c in load_countries() if c.code and c.area.intersects(shape))
    cited = list(dict.fromkeys(p for entry in history for p in entry["passages"]))
    properties = {
        "id": f"bench-{index:05d}",
        "corridor": CORRIDOR,
        "name": f"Synthetic segment {index}",
        "aliases": [],
        "mode": ("rail", "road")[index % 2],
        "countries": countries,
        "statuses": history,
        "passages": cited,
        "precision": "schematic",
        "geometry_note": "A synthetic line for the benchmark; no source describes it.",
        "length_km_stated": None,
    }
    geometry = {"type": "LineString", "coordinates": line}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def drawn_ids(dataset: Dataset, year: int) -> list[str]:
    """The ids a map of every status, mode and corridor draws in a year, sorted."""
    return sorted(s.id for s in dataset.segments.values() if status_as_of(s, year) is not None)
