"""Server memory: RSS of a process tree sampled from /proc, and the size of the shared data.

`python -m bench.memory ROOT [--heap]` loads what one server shares between sessions (the
Atlas, the search index, the default filter set) in a fresh process and prints, as JSON, how
much that grew its RSS (or, with --heap, Python's heap, by tracemalloc) and the size of the
published segment file: the yardstick a per-session memory increase is compared with.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

import streamlit  # noqa: F401  (a server imports it before loading data: not the data's cost)

from geo.assets import STATIC_DIR
from geo.atlas import load_atlas
from geo.paths import DataPaths
from geo.search import build_index
from geo.timeline import Filters
from geo.visible import find_visible

INTERVAL_S = 0.2


def rss_kb(pid: int) -> int:
    """VmRSS of a process, in kB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def children(pid: int) -> list[int]:
    """Every descendant of a process, from /proc/<pid>/task/*/children."""
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            found.extend(kids)
            pending.extend(kids)
    return found


def tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, in kB."""
    return sum(rss_kb(p) for p in [pid, *children(pid)])


class Sampler:
    """Samples a process tree's RSS every INTERVAL_S in a thread: (seconds since start, kB).

    A thread, not an asyncio task: a busy event loop must not delay or skip samples.
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((round(time.monotonic() - self._started, 3), self.now()))
            self._stop.wait(INTERVAL_S)

    def now(self) -> int:
        return tree_rss_kb(self.pid)

    def since(self, elapsed_s: float) -> list[int]:
        return [kb for t, kb in self.samples if t >= elapsed_s]

    def elapsed(self) -> float:
        return time.monotonic() - self._started


def shared_data(root: Path) -> dict[str, Any]:
    """What loading the shared data costs a fresh process, measured in two subprocesses: RSS
    without tracemalloc (whose bookkeeping would inflate it), then Python's heap with it."""
    measured: dict[str, Any] = {}
    for flag in ([], ["--heap"]):
        done = subprocess.run(
            [sys.executable, "-m", "bench.memory", str(root), *flag],
            capture_output=True, text=True, timeout=600, check=True,
        )  # fmt: skip
        measured |= json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def measure_shared(root: Path, heap: bool) -> dict[str, Any]:
    """Load the Atlas, the search index and the default filter set, as a server's first
    session does (without Streamlit's caches), and report what they cost: the RSS growth, or
    with `heap` the bytes Python allocated and still holds (tracemalloc)."""
    gc.collect()
    before = rss_kb_self()
    if heap:
        tracemalloc.start()
    atlas = load_atlas(DataPaths(root))
    choices = atlas.choices
    index = build_index(atlas.dataset)
    filters = Filters(
        choices.years[1],
        frozenset(choices.statuses),
        frozenset(choices.modes),
        frozenset(choices.corridors),
    )
    visible = find_visible(atlas, filters)
    gc.collect()
    if heap:
        held, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"python_heap_of_load_bytes": held}
    after = rss_kb_self()
    segment_file = STATIC_DIR / atlas.map_data.file_name
    del index, visible
    return {
        "segments": len(atlas.dataset.segments),
        "rss_before_load_kb": before,
        "rss_after_load_kb": after,
        "rss_of_load_kb": after - before,
        "segment_file": segment_file.name,
        "segment_file_bytes": segment_file.stat().st_size if segment_file.exists() else None,
        "segment_payload_bytes": len(atlas.map_data.payload),
    }


def rss_kb_self() -> int:
    return rss_kb(os.getpid())


if __name__ == "__main__":
    print(json.dumps(measure_shared(Path(sys.argv[1]), heap="--heap" in sys.argv[2:])))
