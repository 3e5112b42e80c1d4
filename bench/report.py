"""Results: medians, ratios to the baseline and the floor, the printed table, the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any

from geo.paths import REPO_ROOT

METRICS = (
    # (key, label): medians of the samples, in table order
    ("load_ms", "cold load to segments drawn (ms)"),
    ("click_ms", "click to first quote in sidebar (ms)"),
    # Where that time went (bench.wire.phases): the medians of each part, so they need not
    # add up to the median of the whole.
    ("click_request_ms", "  click to rerun request (st_folium) (ms)"),
    ("click_server_ms", "  request to last message before shown (ms)"),
    ("click_render_ms", "  that message to quote shown (ms)"),
    ("filter_ms", "year change to map redrawn (ms)"),
    ("filter_request_ms", "  key press to rerun request (ms)"),
    ("filter_server_ms", "  request to last message before drawn (ms)"),
    ("filter_render_ms", "  that message to map drawn (ms)"),
    ("script_ms", "script time per rerun (ms)"),
    ("script_click_ms", "  of a click's rerun (ms)"),
    ("script_filter_ms", "  of a year change's reruns (ms)"),
    ("click_ws_bytes", "WebSocket bytes received per click"),
    ("filter_ws_bytes", "WebSocket bytes received per year change"),
    ("load_bytes", "bytes on cold load (HTTP + WebSocket)"),
    ("load_http_bytes", "  HTTP response bodies as transferred"),
    ("load_ws_bytes", "  WebSocket bytes received until drawn"),
    ("load_http_bytes_settled", "HTTP bodies by the time the page settled"),
    ("click_reruns", "reruns per click"),
    ("filter_reruns", "reruns per year change"),
    ("click_ref_hashes", "cache references (ref_hash) per click"),
    ("filter_ref_hashes", "cache references (ref_hash) per year change"),
)
COUNTS = (
    # (key, label): totals over every measured visit
    ("click_remounts", "map re-mounts on clicks (total)"),
    ("filter_remounts", "map re-mounts on year changes (total)"),
    ("off_host", "requests refused off loopback (total)"),
)
RATIOS = (("app", "baseline"), ("app", "floor"))


def summarise(scale: dict[str, Any]) -> None:
    """Add medians, totals and ratios to one scale's results, in place."""
    samples = scale["samples"]
    for values in samples.values():
        values["script_ms"] = values.get("script_click_ms", []) + values.get("script_filter_ms", [])
    scale["medians"] = {
        app: {key: statistics.median(values[key]) for key, _ in METRICS if values.get(key)}
        for app, values in samples.items()
    }
    scale["totals"] = {
        app: {key: sum(values.get(key, [])) for key, _ in COUNTS} for app, values in samples.items()
    }
    scale["ratios"] = {
        f"{top}/{bottom}": ratios(scale["medians"][top], scale["medians"][bottom])
        for top, bottom in RATIOS
        if top in scale["medians"] and bottom in scale["medians"]
    }


def ratios(top: dict[str, float], bottom: dict[str, float]) -> dict[str, float]:
    return {key: top[key] / bottom[key] for key in top if bottom.get(key)}


def number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2g}"


def table(name: str, scale: dict[str, Any], apps: list[str], repeat: int) -> str:
    """One scale's medians per app, and the ratios, as fixed-width text."""
    pairs = list(scale["ratios"])
    head = [f"{'metric':<44}", *(f"{app:>11}" for app in apps), *(f"{p:>14}" for p in pairs)]
    lines = [
        f"scale {name}: {scale['segments']:,} segments, medians of {repeat} repetition(s), "
        f"{scale['wall_s']:.0f} s",
        "".join(head),
    ]
    for key, label in METRICS:
        cells = [number(scale["medians"][app].get(key)) for app in apps]
        shares = [scale["ratios"][pair].get(key) for pair in pairs]
        ratio_cells = [f"{'-' if r is None else f'{r:.2f}':>14}" for r in shares]
        lines.append(f"{label:<44}" + "".join(f"{c:>11}" for c in cells) + "".join(ratio_cells))
    for key, label in COUNTS:
        cells = [str(scale["totals"][app][key]) for app in apps]
        lines.append(f"{label:<44}" + "".join(f"{c:>11}" for c in cells))
    return "\n".join(lines)


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine(chromium: str) -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "streamlit": version("streamlit"),
        "streamlit-folium": version("streamlit-folium"),
        "folium": version("folium"),
        "playwright": version("playwright"),
        "chromium": chromium,
    }


def source_state() -> dict[str, Any]:
    """The commit measured, and which of the app's files differ from it (the tree may be
    someone's work in progress)."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "app.py", "geo", "static", "bench/apps")
    return {"commit": git("rev-parse", "HEAD"), "changed": changed.splitlines()}
