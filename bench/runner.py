"""The repetitions: every app at every scale, alternating, the order rotated each repetition."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from bench import dataset, drive
from bench.servers import serving
from geo.load import load_dataset
from geo.mapview import midpoint
from geo.models import Dataset
from geo.paths import DataPaths
from geo.timeline import year_span

PAIR = ("rasht-astara-railway", "instc-samur-astara")
"""Two neighbouring shipped segments, clicked in turn, so every click changes the selection;
the close-up is centred on the first, at every scale."""
ZOOM = 7
FLOOR_SEGMENT = PAIR[0]
"""The floor's one segment; bench/apps/floor.py draws it as `<id>-<year>`."""


@dataclass(frozen=True)
class Expected:
    """What an app should show: the ids drawn in a year, and per click (its number in the
    visit and the year) the segment to click and the sidebar texts that answer it."""

    ids: Callable[[int], list[str]]
    click: Callable[[int, int], tuple[str, list[str]]]


def expectations(data: Dataset) -> dict[str, Expected]:
    def quoted(number: int, _year: int) -> tuple[str, list[str]]:
        segment = data.segments[PAIR[number % 2]]
        return segment.id, [segment.name, data.passages[segment.passages[0]].text]

    def floor_click(number: int, year: int) -> tuple[str, list[str]]:
        name = data.segments[FLOOR_SEGMENT].name
        return f"{FLOOR_SEGMENT}-{year}", [f"{name}: click {number + 1}"]

    full = Expected(lambda year: dataset.drawn_ids(data, year), quoted)
    floor = Expected(lambda year: [f"{FLOOR_SEGMENT}-{year}"], floor_click)
    return {"app": full, "baseline": full, "floor": floor}


def close_up(data: Dataset) -> str:
    """The query every visit opens: the first benchmark segment at ZOOM, where a click on it
    and on its pair lands on lines, not on their neighbours."""
    lat, lon = midpoint(data.segments[PAIR[0]])
    return f"/?lat={lat:.4f}&lon={lon:.4f}&zoom={ZOOM}"


def rotated(apps: list[str], repetition: int) -> list[str]:
    shift = repetition % len(apps)
    return apps[shift:] + apps[:shift]


def visit_once(browser: Browser, url: str, expected: Expected, years: tuple[int, int]) -> dict:
    """Load, click both segments, step the year back one and forward again."""
    last, earlier = years
    visit = drive.open_visit(browser)
    try:
        load = drive.cold_load(visit, url, expected.ids(last))
        clicks = [drive.click(visit, *expected.click(n, last)) for n in range(len(PAIR))]
        filters = [
            drive.change_year(visit, earlier, last, expected.ids(earlier)),
            drive.change_year(visit, last, earlier, expected.ids(last)),
        ]
    finally:
        visit.context.close()
    sample: dict[str, Any] = {}
    for step in [load, *clicks, *filters]:
        gather(sample, step)
    gather(sample, {"off_host": len(visit.off_host), "off_host_urls": visit.off_host[:5]})
    return sample


def gather(samples: dict[str, Any], step: dict[str, Any]) -> None:
    """Append a step's values (one or a list each) to the lists in `samples`."""
    for key, value in step.items():
        samples.setdefault(key, []).extend(value if isinstance(value, list) else [value])


@dataclass(frozen=True)
class Plan:
    """Which apps, how many measured and uncounted (warm-up) visits each, and where to work."""

    apps: list[str]
    repeat: int
    warmup: int
    workdir: Path


def run_scale(browser: Browser, scale: str, plan: Plan) -> dict[str, Any]:
    """Samples of every app on one data set, the warm-up visits left out."""
    apps, workdir = plan.apps, plan.workdir
    started = time.monotonic()
    root = dataset.prepare(scale, workdir)
    data = load_dataset(DataPaths(root))
    last = year_span(data)[1]
    years = (last, last - 1)
    if dataset.drawn_ids(data, last) == dataset.drawn_ids(data, last - 1):
        raise RuntimeError(f"{scale}: {last - 1} draws the same segments as {last}")
    query = close_up(data)
    expected = expectations(data)
    samples: dict[str, dict[str, Any]] = {app: {} for app in apps}
    with serving(apps, root, workdir, scale) as servers:
        for repetition in range(plan.warmup + plan.repeat):
            for app in rotated(apps, repetition):
                begun = time.monotonic()
                sample = visit_once(browser, servers[app].url + query, expected[app], years)
                label = "warm-up" if repetition < plan.warmup else f"{repetition - plan.warmup + 1}"
                took = time.monotonic() - begun
                print(f"{scale} {app} visit {label}: {took:.0f} s", file=sys.stderr, flush=True)
                if repetition >= plan.warmup:
                    gather(samples[app], sample)
    return {
        "segments": len(data.segments),
        "years": {"last": years[0], "earlier": years[1]},
        "close_up": query,
        "wall_s": round(time.monotonic() - started, 1),
        "samples": samples,
    }
