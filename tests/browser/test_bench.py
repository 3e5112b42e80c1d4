"""The benchmark's smoke run: every app measured once on the shipped data, every metric present.

It runs `python -m bench --quick` as a subprocess: Playwright's sync API cannot start inside
the session's own browser fixture. No assertion is about how fast anything is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bench.report import COUNTS, METRICS
from bench.servers import APPS
from tests.browser.conftest import run_quick

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_S = 240
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_quick("bench", tmp_path_factory.mktemp("bench") / "results.json", TIMEOUT_S)


@pytest.fixture(scope="module")
def shipped(results: dict[str, Any]) -> dict[str, Any]:
    scale: dict[str, Any] = results["scales"]["shipped"]
    return scale


@pytest.mark.parametrize("app", APPS)
def test_every_metric_is_measured_for_every_app(shipped: dict[str, Any], app: str) -> None:
    medians = shipped["medians"][app]
    for key, _ in METRICS:
        assert key in medians, key
        if "ref_hashes" in key:
            assert medians[key] >= 0, key
        else:
            assert medians[key] > 0, key
    for key, _ in COUNTS:
        assert isinstance(shipped["totals"][app][key], int), key


def test_raw_samples_are_kept(shipped: dict[str, Any]) -> None:
    for app in APPS:
        samples = shipped["samples"][app]
        assert len(samples["load_ms"]) == 1
        assert len(samples["click_ms"]) == 2
        assert len(samples["filter_ms"]) == 2


@pytest.mark.parametrize("pair", ["app/baseline", "app/floor"])
def test_ratios_are_reported(shipped: dict[str, Any], pair: str) -> None:
    for key in ("load_ms", "click_ms", "filter_ms", "script_ms", "load_bytes"):
        assert shipped["ratios"][pair][key] > 0, key


def test_no_request_left_loopback(shipped: dict[str, Any]) -> None:
    assert {app: shipped["totals"][app]["off_host"] for app in APPS} == dict.fromkeys(APPS, 0)


def test_the_app_never_remounts_its_map(shipped: dict[str, Any]) -> None:
    assert shipped["totals"]["app"]["click_remounts"] == 0
    assert shipped["totals"]["app"]["filter_remounts"] == 0


def test_the_remount_check_sees_the_baseline_rebuild_its_map(shipped: dict[str, Any]) -> None:
    # The baseline's map script changes with the year, so each year change re-creates it:
    # proof that the check can see a re-mount at all.
    assert shipped["totals"]["baseline"]["filter_remounts"] == 2


def test_the_machine_is_described(results: dict[str, Any]) -> None:
    machine = results["machine"]
    for key in ("cpu_count", "cpu_model", "python", "streamlit", "streamlit-folium", "folium"):
        assert machine[key], key
    assert machine["chromium"]


def test_the_cold_load_timeline_finds_every_milestone(tmp_path: Path) -> None:
    """`python -m bench.timeline --quick`: each milestone of each app's cold load was seen, in
    the order a load goes through them."""
    results = run_quick("bench.timeline", tmp_path / "timeline.json", TIMEOUT_S)
    for app, samples in results["samples"].items():
        (sample,) = samples
        order = ["session", "component_delta", "component_bundle_start", "component_bundle_end",
                 "frame_start", "leaflet_end", "drawn"]  # fmt: skip
        assert [sample[key] for key in order] == sorted(sample[key] for key in order), app
        assert sample["bundles_before"] >= 1, app
    assert "segments_end" in results["samples"]["app"][0]
    assert "segments_end" not in results["samples"]["floor"][0], "the floor has no segment file"
