"""Real browser: the page served by `streamlit run` shows the validated data set."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo.load import load_dataset
from geo.paths import DEFAULT_PATHS

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
pytestmark = pytest.mark.browser


def test_page_shows_validation_summary_and_segment_table(page: Page, app_url: str) -> None:
    page.goto(app_url)
    segments = load_dataset(DEFAULT_PATHS).segments
    expect(page.get_by_text("Data validated:")).to_contain_text(f"{len(segments)} segments")
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "summary.png"), full_page=True)
