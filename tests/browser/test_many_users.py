"""The load script's smoke run: two concurrent readers for about ten seconds, no errors.

It runs `python -m bench.load --quick` as a subprocess, as test_bench.py runs the benchmark:
Playwright cannot start inside the session's own browser fixture. No assertion is about how
fast anything is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import run_quick

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 300
pytestmark = pytest.mark.browser
SUMMARY = (
    "users", "seconds", "interactions", "clicks", "filters", "links", "errors",
    "click_p50_ms", "click_p95_ms", "click_max_ms", "filter_p50_ms", "filter_p95_ms",
    "rss_baseline_kb", "rss_peak_kb", "rss_per_session_kb",
)  # fmt: skip


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_quick("bench.load", tmp_path_factory.mktemp("load") / "load.json", TIMEOUT_S)


def test_the_summary_has_every_figure(results: dict[str, Any]) -> None:
    summary = results["summary"]
    for key in SUMMARY:
        assert key in summary, key
    assert summary["users"] == 2


def test_no_errors(results: dict[str, Any]) -> None:
    assert results["summary"]["errors"] == 0
    assert results["errors"] == []


def test_clicks_were_measured(results: dict[str, Any]) -> None:
    clicks = results["samples"]["clicks"]
    assert len(clicks) >= 1
    assert results["summary"]["clicks"] == len(clicks)
    assert all(click["ms"] > 0 for click in clicks)


def test_server_memory_was_sampled(results: dict[str, Any]) -> None:
    summary = results["summary"]
    assert results["samples"]["rss_kb"]
    assert 0 < summary["rss_baseline_kb"] <= summary["rss_peak_kb"]
    assert results["shared_data"]["segment_file_bytes"] > 0
