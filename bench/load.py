"""`python -m bench.load`: many concurrent readers against one Corridor Atlas server on loopback.

One `streamlit run app.py` server (bench/servers.py's command, CORRIDOR_ATLAS_TILES=off, no
file watcher) and one headless Chromium with `--contexts` browser contexts, each a reader
(bench/users.py) who clicks segments, changes the year or a mode and opens shared links for
`--seconds`, after every reader has loaded the page. Prints a table and writes every sample to
--out (default artifacts/bench/load.json); exits 1 if any error happened or no click was
measured.

Concurrency: Playwright's async API, one asyncio task per context, in one process. The Python
side only sends commands and awaits answers; the work runs elsewhere and in parallel: each
page in its own Chromium renderer process, the predicates polled inside the pages (on their
own animation frames, timed by their own clocks), and the server answering every session.
While one reader awaits its sidebar the other tasks keep going, so all contexts are in flight
at once; the sync API would serialise them, and several Python processes would only add
Playwright drivers competing for the same two cores.

Memory: the server's RSS (and its children's) from /proc/<pid>/status every 200 ms (in a
thread): after start-up, after one warm session (the baseline), the peak while the readers
run, and after they closed. (peak - baseline) / contexts is the increase per session; it is
set against what the shared data costs a fresh process to load (bench/memory.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, async_playwright
from playwright.async_api import Error as PlaywrightError

from bench import dataset, report
from bench.memory import Sampler, shared_data
from bench.servers import command, stop
from bench.users import FIRST_LOAD_MS, GaveUpError, User, load_home, open_user, run_user, step
from geo.load import load_dataset
from geo.models import Dataset
from geo.paths import DATA_ROOT_VARIABLE, REPO_ROOT, DataPaths
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_until_healthy

DEFAULT_OUT = REPO_ROOT / "artifacts" / "bench" / "load.json"
BASELINE_WINDOW_S = 1.0
"""How long RSS is sampled after the warm session for the baseline (a window, not a wait)."""
LOG_ERRORS = ("Traceback", "Error")


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--contexts", type=int, default=20, help="concurrent readers (20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they read (60)")
    parser.add_argument("--scale", default=dataset.SHIPPED, help="shipped, or a segment total")
    parser.add_argument("--seed", type=int, default=1, help="of every reader's choices (1)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 readers, 10 s")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON path")
    args = parser.parse_args(argv)
    if args.quick:
        args.contexts, args.seconds = 2, 10
    if args.contexts < 1 or args.seconds <= 0:
        parser.error("--contexts must be at least 1 and --seconds positive")
    if args.scale != dataset.SHIPPED and not args.scale.isdigit():
        parser.error(f"--scale {args.scale!r} is neither {dataset.SHIPPED} nor a number")
    return args


@contextmanager
def server(root: Path, workdir: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, Path]]:
    """app.py served on `root` on a free loopback port, as bench/servers.py serves it."""
    port = free_port()
    url, log = f"http://127.0.0.1:{port}", workdir / "server.log"
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "CORRIDOR_ATLAS_TILES": "off",
        DATA_ROOT_VARIABLE: str(root),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            command(REPO_ROOT / "app.py", port),
            cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_until_healthy(url, process)
            yield process, url, log
        finally:
            stop(process)


def cpu_s(pid: int) -> float:
    """User plus system CPU time of a process so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(args: argparse.Namespace, url: str, data: Dataset, pid: int) -> dict[str, Any]:
    """The warm session, then every reader at once; samples, errors and memory."""
    memory: dict[str, Any] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with Sampler(pid) as sampler:
                memory["startup_kb"] = sampler.now()
                warm = User(-1, random.Random(f"{args.seed}-warm"), data, url)
                await warm_up(browser, warm)  # its first load is the server's first: cold
                mark = sampler.elapsed()
                await asyncio.sleep(BASELINE_WINDOW_S)  # the sampling window of the baseline
                memory["baseline_kb"] = max(sampler.since(mark))
                users, loads, run = await readers(browser, args, url, data, pid)
                memory["peak_kb"] = max(sampler.since(mark))
                await asyncio.gather(*(user.page.context.close() for user in users))
                memory["end_kb"] = sampler.now()
                memory["samples"] = sampler.samples
            results = {"users": users, "warm": warm, "loads": loads, "run": run}
            return {**results, "memory": memory, "chromium": browser.version}
        finally:
            await browser.close()


async def warm_up(browser: Browser, warm: User) -> None:
    """One session that loads, clicks and filters, so the baseline holds the warm caches."""
    await open_user(browser, warm)
    try:
        await load_home(warm, FIRST_LOAD_MS)
        await step(warm, "click")
        await step(warm, "filter")
    except (GaveUpError, PlaywrightError, RuntimeError) as failure:
        warm.error("warm session failed", str(failure).splitlines()[0] if str(failure) else "")
    finally:
        await warm.page.context.close()


async def readers(
    browser: Browser, args: argparse.Namespace, url: str, data: Dataset, pid: int
) -> tuple[list[User], list[float], dict[str, Any]]:
    """Open every reader's page at once, then let them all read until the same deadline."""
    users = [User(n, random.Random(f"{args.seed}-{n}"), data, url) for n in range(args.contexts)]
    loads: list[float] = []

    async def arrive(user: User) -> None:
        await open_user(browser, user)
        try:
            loads.append(await load_home(user, FIRST_LOAD_MS))
        except Exception as failure:  # any failure of the first load is an error
            user.error("first load failed", str(failure).splitlines()[0])

    await asyncio.gather(*(arrive(user) for user in users))
    start, deadline = asyncio.Event(), [0.0]
    tasks = [asyncio.create_task(run_user(u, start, deadline)) for u in users if not u.errors]
    began, cpu_before = time.monotonic(), cpu_s(pid)
    deadline[0] = began + args.seconds
    start.set()
    await asyncio.gather(*tasks)
    wall = time.monotonic() - began
    run = {"wall_s": round(wall, 1), "server_cpu_s": round(cpu_s(pid) - cpu_before, 1)}
    return users, loads, run


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def log_errors(log: Path) -> list[str]:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if any(word in line for word in LOG_ERRORS)]


def summarise(outcome: dict[str, Any], args: argparse.Namespace, shared: dict) -> dict:
    users: list[User] = outcome["users"]
    clicks = [c["ms"] for u in users for c in u.clicks]
    filters = [f["ms"] for u in users for f in u.filters]
    links = [link["ms"] for u in users for link in u.links]
    memory = outcome["memory"]
    errors = [*outcome["warm"].errors, *(e for u in users for e in u.errors)]
    errors += [{"kind": "server log", "detail": line} for line in outcome["log_errors"]]
    growth = memory["peak_kb"] - memory["baseline_kb"]
    return {
        "users": args.contexts,
        "seconds": outcome["run"]["wall_s"],
        "interactions": len(clicks) + len(filters) + len(links),
        "clicks": len(clicks),
        "filters": len(filters),
        "links": len(links),
        "skipped": sum(u.skipped for u in users),
        "errors": len(errors),
        "click_p50_ms": percentile(clicks, 0.5),
        "click_p95_ms": percentile(clicks, 0.95),
        "click_max_ms": max(clicks, default=None),
        "filter_p50_ms": percentile(filters, 0.5),
        "filter_p95_ms": percentile(filters, 0.95),
        "link_p50_ms": percentile(links, 0.5),
        "link_p95_ms": percentile(links, 0.95),
        "first_load_p50_ms": percentile(outcome["loads"], 0.5),
        "first_load_max_ms": max(outcome["loads"], default=None),
        "server_cpu_s": outcome["run"]["server_cpu_s"],
        "rss_startup_kb": memory["startup_kb"],
        "rss_baseline_kb": memory["baseline_kb"],
        "rss_peak_kb": memory["peak_kb"],
        "rss_end_kb": memory["end_kb"],
        "rss_per_session_kb": round(growth / args.contexts),
        "shared_data_rss_kb": shared["rss_of_load_kb"],
        "per_session_over_shared_data": round(growth / args.contexts / shared["rss_of_load_kb"], 3)
        if shared["rss_of_load_kb"] > 0
        else None,
    }, errors


COLUMNS = (
    ("users", "users"), ("seconds", "s"), ("interactions", "interactions"), ("errors", "errors"),
    ("click_p50_ms", "click p50"), ("click_p95_ms", "click p95"), ("click_max_ms", "click max"),
    ("filter_p50_ms", "filter p50"), ("filter_p95_ms", "filter p95"),
    ("rss_baseline_kb", "RSS base kB"), ("rss_peak_kb", "RSS peak kB"),
    ("rss_per_session_kb", "kB/session"),
)  # fmt: skip


def table(summary: dict[str, Any]) -> str:
    head = "| " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "| " + " | ".join("---:" for _ in COLUMNS) + " |"
    row = "| " + " | ".join(report.number(summary[key]) for key, _ in COLUMNS) + " |"
    extra = (
        f"clicks {summary['clicks']}, filter changes {summary['filters']}, links "
        f"{summary['links']} (link p50 {report.number(summary['link_p50_ms'])} ms, p95 "
        f"{report.number(summary['link_p95_ms'])} ms), skipped {summary['skipped']}; first "
        f"load p50 {report.number(summary['first_load_p50_ms'])} ms; server CPU "
        f"{summary['server_cpu_s']} s; shared data costs a fresh process "
        f"{summary['shared_data_rss_kb']:,} kB (times in ms)"
    )
    return "\n".join([head, rule, row, extra])


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    # Terminated (e.g. by `timeout`), leave through the finally blocks that stop the server
    # and the browser.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    results: dict[str, Any] = {
        "command": ["python", "-m", "bench.load", *(sys.argv[1:] if argv is None else argv)],
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {k: v for k, v in vars(args).items() if k != "out"},
        "load_average_before": os.getloadavg(),
        "source": report.source_state(),
    }
    with tempfile.TemporaryDirectory(prefix="corridor-load-") as temp:
        root = dataset.prepare(args.scale, Path(temp))
        data = load_dataset(DataPaths(root))
        shared = shared_data(root)
        with server(root, Path(temp)) as (process, url, log):
            outcome = asyncio.run(drive(args, url, data, process.pid))
        outcome["log_errors"] = log_errors(log)
    results["load_average_after"] = os.getloadavg()
    results["machine"] = report.machine(outcome["chromium"])
    summary, errors = summarise(outcome, args, shared)
    users: list[User] = outcome["users"]
    results |= {
        "segments": len(data.segments),
        "summary": summary,
        "errors": errors,
        "shared_data": shared,
        "samples": {
            "clicks": [c for u in users for c in u.clicks],
            "filters": [f for u in users for f in u.filters],
            "links": [link for u in users for link in u.links],
            "first_loads_ms": outcome["loads"],
            "rss_kb": outcome["memory"]["samples"],
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"{len(data.segments):,} segments, {args.contexts} readers for {args.seconds:g} s")
    print(table(summary))
    for error in errors[:20]:
        print("error:", error, file=sys.stderr)
    print(f"wrote {args.out}")
    return 0 if summary["errors"] == 0 and summary["clicks"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
