"""Click-to-sidebar time in headless Chromium: click a segment, wait for its name and first quote.

Run: `python -m bench.click_to_sidebar [--repeat N]`. Prints each time and the median; the
full benchmark (baseline, floor, scale) is a later piece of work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from geo.load import load_dataset
from geo.mapview import midpoint
from geo.paths import DEFAULT_PATHS
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_until_healthy
from tests.browser.mapdriver import POINT_ON_SEGMENT, SIDEBAR_SHOWS, flat, frame_offset, map_frame

REPO = Path(__file__).resolve().parent.parent
PAIR = ("rasht-astara-railway", "instc-samur-astara")
"""Two neighbouring segments, clicked in turn, so every click changes the selection."""


def start_server(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
               "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]  # fmt: skip
    env = {**os.environ, "CORRIDOR_ATLAS_TILES": "off"}
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)


def measure(url: str, repeat: int) -> list[float]:
    dataset = load_dataset(DEFAULT_PATHS)
    lat, lon = midpoint(dataset.segments[PAIR[0]])
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{url}/?lat={lat:.4f}&lon={lon:.4f}&zoom=7")
        for index in range(repeat + 1):  # the first click warms up and is not counted
            segment = dataset.segments[PAIR[index % 2]]
            expected = [segment.name, dataset.passages[segment.passages[0]].text]
            point = map_frame(page).evaluate(POINT_ON_SEGMENT, segment.id)
            left, top = frame_offset(page)
            started = time.perf_counter()
            page.mouse.click(left + point[0], top + point[1])
            page.wait_for_function(SIDEBAR_SHOWS, arg=[flat(text) for text in expected])
            if index:
                times.append((time.perf_counter() - started) * 1000)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)
        times = measure(f"http://127.0.0.1:{port}", args.repeat)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print("click to sidebar (ms):", ", ".join(f"{t:.0f}" for t in times))
    print(f"median {statistics.median(times):.0f} ms over {len(times)} clicks")


if __name__ == "__main__":
    main()
