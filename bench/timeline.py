"""`python -m bench.timeline`: where a cold load's time goes in the browser, app against floor.

A cold load is mostly the browser's: the app's first script run takes tens of milliseconds,
while the page fetches Streamlit's bundles, renders the elements, creates the map's frame and
loads the map's scripts and files. This loads each app (alternating, fresh contexts) and reads
the page's own clocks: the WebSocket messages (when the map component's element arrived) and
the resource timings of the page and the map frame (when the component's bundle and the map's
files were requested and loaded). It prints the median of each milestone, counted from
navigation start, and how many of Streamlit's bundles the page requested before the
component's. The same servers and data as `python -m bench`.
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import dataset, drive, probe
from bench.runner import close_up, expectations
from bench.servers import serving
from geo.load import load_dataset
from geo.paths import DataPaths
from geo.timeline import year_span
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.mapdriver import DRAWN_IDS

DEFAULT_OUT = Path("artifacts/bench/timeline.json")
COMPONENT_BUNDLE = "ComponentInstance."
"""The start of the file name of Streamlit's bundle for custom components (hashed per release)."""

# Resource timings of the page and its frames on the page's clock: [where, url, start, end].
RESOURCES = """
() => {
  const rows = [];
  const add = (win, where) => {
    const shift = win.performance.timeOrigin - performance.timeOrigin;
    for (const e of win.performance.getEntriesByType('navigation'))
      rows.push([where + ' document', e.name, e.startTime + shift, e.responseEnd + shift]);
    for (const e of win.performance.getEntriesByType('resource'))
      rows.push([where, e.name, e.startTime + shift, e.responseEnd + shift]);
  };
  add(window, 'page');
  for (const frame of document.querySelectorAll('iframe')) add(frame.contentWindow, 'frame');
  return rows;
}
"""

MILESTONES = (
    ("session", "WebSocket session started (new_session)"),
    ("component_delta", "map component's element received"),
    ("bundles_before", "Streamlit bundles the page requested before the component's (count)"),
    ("component_bundle_start", "component bundle requested"),
    ("component_bundle_end", "component bundle loaded"),
    ("frame_start", "map frame's document requested"),
    ("leaflet_end", "Leaflet loaded in the frame"),
    ("segments_end", "segment file loaded in the frame (app)"),
    ("drawn", "segments drawn"),
)


def received(raw: list[dict[str, Any]]) -> dict[str, float]:
    """When the session started and when the map component's element arrived."""
    times: dict[str, float] = {}
    for item in raw:
        if item["dir"] != "in":
            continue
        message = ForwardMsg.FromString(base64.b64decode(item["b64"]))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            times.setdefault("session", item["t"])
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element.WhichOneof("type")
            times.setdefault("first_delta", item["t"])
            if element == "component_instance":
                times.setdefault("component_delta", item["t"])
    return times


def earliest(rows: list[list[Any]], where: str, part: str, column: int) -> float | None:
    """The earliest start (column 2) or end (3) of the `where` resources whose URL holds `part`."""
    times = [row[column] for row in rows if row[0] == where and part in row[1]]
    return min(times) if times else None


def milestones(raw: list[dict[str, Any]], rows: list[list[Any]], drawn: float) -> dict[str, float]:
    """One cold load's milestones (ms from navigation start), from its messages and timings."""
    found = received(raw)
    looked_up = {
        "component_bundle_start": earliest(rows, "page", COMPONENT_BUNDLE, 2),
        "component_bundle_end": earliest(rows, "page", COMPONENT_BUNDLE, 3),
        "frame_start": earliest(rows, "frame document", "", 2),
        "leaflet_end": earliest(rows, "frame", "leaflet.js", 3),
        "segments_end": earliest(rows, "frame", "generated/segments-", 3),
    }
    found |= {key: value for key, value in looked_up.items() if value is not None}
    found["drawn"] = drawn
    bundle, first_delta = found.get("component_bundle_start"), found.get("first_delta")
    if bundle is not None and first_delta is not None:
        # Bundles the page asked for while rendering the first elements, ahead of the map's:
        # the browser fetches at most six at a time from one host.
        found["bundles_before"] = sum(
            1 for row in rows
            if row[0] == "page" and "/static/js/" in row[1] and first_delta <= row[2] < bundle
        )  # fmt: skip
    return found


def load_once(browser: Browser, url: str, expected: list[str]) -> dict[str, float]:
    visit = drive.open_visit(browser)
    try:
        page = visit.page
        page.goto(url, wait_until="commit", timeout=drive.WAIT_MS)
        drawn = drive.wait_value(page, probe.DRAWN_AT, {"drawn": DRAWN_IDS, "expected": expected})
        drive.settle(page)
        return milestones(page.evaluate(probe.DRAIN), page.evaluate(RESOURCES), drawn)
    finally:
        visit.context.close()


def run(browser: Browser, apps: list[str], repeat: int, workdir: Path) -> dict[str, list[dict]]:
    """`repeat` cold loads of each app on the shipped data, after one warm-up each."""
    root = dataset.prepare(dataset.SHIPPED, workdir)
    data = load_dataset(DataPaths(root))
    last = year_span(data)[1]
    query = close_up(data)
    expected = expectations(data)
    samples: dict[str, list[dict]] = {app: [] for app in apps}
    with serving(apps, root, workdir, "timeline") as servers:
        for repetition in range(repeat + 1):
            for app in apps[repetition % len(apps) :] + apps[: repetition % len(apps)]:
                sample = load_once(browser, servers[app].url + query, expected[app].ids(last))
                if repetition:
                    samples[app].append(sample)
    return samples


def table(samples: dict[str, list[dict]]) -> str:
    apps = list(samples)
    lines = [
        f"{'milestone (median ms from navigation start)':<72}" + "".join(f"{a:>9}" for a in apps)
    ]
    for key, label in MILESTONES:
        cells = []
        for app in apps:
            values = [sample[key] for sample in samples[app] if key in sample]
            cells.append(f"{statistics.median(values):>9,.0f}" if values else f"{'-':>9}")
        lines.append(f"{label:<72}" + "".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.timeline", description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="cold loads per app (default 7)")
    parser.add_argument("--quick", action="store_true", help="one cold load each (smoke test)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON path")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else max(args.repeat, 1)
    apps = ["app", "floor"]
    with tempfile.TemporaryDirectory(prefix="corridor-timeline-") as temp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            samples = run(browser, apps, repeat, Path(temp))
        finally:
            browser.close()
    print(table(samples))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"repeat": repeat, "samples": samples}, indent=1), "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
