"""`python -m bench.profile`: where the app's server spends a click, sampled by py-spy.

Starts the app under `py-spy record` (every thread, raw collapsed stacks), loads it in headless
Chromium, clicks the benchmark's two segments in turn, then prints the functions of the
script thread that the samples were in most (inclusive), and where they were themselves
(exclusive). Imports and the first run's validation are left out: they happen once per server.
Needs py-spy (`pip install py-spy`, in the `dev` extra).
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import drive
from bench.runner import close_up, expectations
from bench.servers import command
from geo.load import load_dataset
from geo.paths import DEFAULT_PATHS, REPO_ROOT
from geo.timeline import year_span
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_until_healthy

ONCE_PER_SERVER = ("_find_and_load", "cached_problems", "cached_atlas", "cached_index")
FRAME = re.compile(r"^(?P<name>.*?) \((?P<file>.*?):\d+\)$")


def record(out: Path, clicks: int, rate: int) -> list[float]:
    """Run the app under py-spy, click `clicks` times; the click times in ms."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    port = free_port()
    server = subprocess.Popen(
        [spy, "record", "--format", "raw", "--rate", str(rate), "--threads", "--nonblocking",
         "-o", str(out), "--", *command(REPO_ROOT / "app.py", port)],
        cwd=REPO_ROOT, env={**os.environ, "CORRIDOR_ATLAS_TILES": "off"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    data = load_dataset(DEFAULT_PATHS)
    expected, last = expectations(data)["app"], year_span(data)[1]
    try:
        wait_until_healthy(url, server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            visit = drive.open_visit(browser)
            drive.cold_load(visit, url + close_up(data),
                            expected.ids(last))  # fmt: skip
            times = [
                drive.click(visit, *expected.click(n, last))["click_ms"] for n in range(clicks)
            ]
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)  # py-spy writes its file when the program ends
        server.wait(timeout=60)
    return times


def summarise(raw: Path, top: int) -> str:
    """The script thread's hottest functions, inclusive and exclusive, as text."""
    inclusive: collections.Counter[str] = collections.Counter()
    exclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if "scriptThread" not in frames[0] or any(
            word in frame for frame in frames for word in ONCE_PER_SERVER
        ):
            continue
        names = [short(frame) for frame in frames[1:]]
        if not names:
            continue
        total += int(count)
        for name in set(names):
            inclusive[name] += int(count)
        exclusive[names[-1]] += int(count)
    lines = [f"script thread: {total} samples (imports and first-run loading left out)"]
    lines += ["inclusive:"] + [
        f"{n:6d} {100 * n / total:5.1f}%  {k}" for k, n in inclusive.most_common(top)
    ]
    lines += ["exclusive:"] + [
        f"{n:6d} {100 * n / total:5.1f}%  {k}" for k, n in exclusive.most_common(top // 2)
    ]
    return "\n".join(lines)


def short(frame: str) -> str:
    found = FRAME.match(frame)
    if not found:
        return frame
    return f"{found['name']} ({found['file'].split('site-packages/')[-1].split('/work/main/')[-1]})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--clicks", type=int, default=16, help="clicks to sample (16)")
    parser.add_argument("--rate", type=int, default=500, help="py-spy samples per second (500)")
    parser.add_argument("--top", type=int, default=30, help="functions listed (30)")
    parser.add_argument("--out", type=Path, help="keep the raw py-spy stacks here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="corridor-profile-") as temp:
        raw = args.out or Path(temp) / "clicks.raw"
        times = record(raw, args.clicks, args.rate)
        print(f"{len(times)} clicks, median {sorted(times)[len(times) // 2]:.0f} ms under py-spy")
        print(summarise(raw, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
