"""`python -m bench`: Corridor Atlas against a naive baseline and a floor, in headless Chromium.

Measures cold load, click to sidebar, year change, script time per rerun and bytes sent, as
medians over repetitions after a warm-up, on the shipped data and on grown copies of it.
Prints a table and writes every sample to --out (default artifacts/bench/results.json).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import report
from bench.dataset import SHIPPED
from bench.runner import Plan, run_scale
from bench.servers import APPS
from geo.paths import REPO_ROOT
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

DEFAULT_OUT = REPO_ROOT / "artifacts" / "bench" / "results.json"
SCALES = (SHIPPED, "1000", "10000")


def names(text: str, allowed: Sequence[str] | None = None) -> list[str]:
    """A comma-separated list, each item checked against `allowed` when given."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    for item in items:
        if allowed is not None and item not in allowed:
            raise argparse.ArgumentTypeError(f"{item!r} is not one of {', '.join(allowed)}")
        if allowed is None and item != SHIPPED and not item.isdigit():
            raise argparse.ArgumentTypeError(f"{item!r} is neither {SHIPPED} nor a number")
    return items


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="measured repetitions (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted first visits (1)")
    parser.add_argument(
        "--scales", type=names, default=list(SCALES),
        help="shipped and/or total segment counts, comma-separated (default shipped,1000,10000)",
    )  # fmt: skip
    parser.add_argument(
        "--apps", type=lambda text: names(text, APPS), default=list(APPS),
        help="which of app,baseline,floor to measure (default all three)",
    )  # fmt: skip
    parser.add_argument(
        "--quick", action="store_true",
        help="smoke run: shipped data, one repetition, no warm-up",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON path")
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.repeat, args.warmup = [SHIPPED], 1, 0
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    # Terminated (e.g. by `timeout`), exit through the finally blocks that stop the servers
    # and the browser, instead of leaving them running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    started = time.monotonic()
    results: dict = {
        "command": ["python", "-m", "bench", *(sys.argv[1:] if argv is None else argv)],
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {"repeat": args.repeat, "warmup": args.warmup, "apps": args.apps},
        "scales": {},
    }
    with tempfile.TemporaryDirectory(prefix="corridor-bench-") as temp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results["machine"] = report.machine(browser.version)
        results["source"] = report.source_state()
        plan = Plan(args.apps, args.repeat, args.warmup, Path(temp))
        try:
            for scale in args.scales:
                outcome = run_scale(browser, scale, plan)
                report.summarise(outcome)
                results["scales"][scale] = outcome
                print(report.table(scale, outcome, args.apps, args.repeat), flush=True)
                print(flush=True)
                results["wall_s"] = round(time.monotonic() - started, 1)
                results["source_at_end"] = report.source_state()
                write(args.out, results)  # after every scale: a later failure keeps these
        finally:
            browser.close()
    print(f"wrote {args.out} ({results['wall_s']:.0f} s)")
    return 0


def write(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
