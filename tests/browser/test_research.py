"""Real browser: search and select, read a quote in context, download what is shown."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from geo.load import load_dataset
from geo.paths import DEFAULT_PATHS
from geo.timeline import Filters, show_segments
from tests.browser.conftest import Session
from tests.browser.mapdriver import (
    drawn_ids,
    map_frame,
    sidebar,
    sidebar_heading,
    wait_for_query,
    wait_for_sidebar_text,
)

DATASET = load_dataset(DEFAULT_PATHS)
MEGHRI = DATASET.segments["zangezur-syunik-meghri"]
pytestmark = pytest.mark.browser


def shown(year: int, corridors: set[str]) -> list[str]:
    statuses = frozenset(s.id for s in DATASET.vocabulary.statuses)
    modes = frozenset(s.mode for s in DATASET.segments.values())
    filters = Filters(year, statuses, modes, frozenset(corridors))
    return [item.segment.id for item in show_segments(DATASET, filters)]


def test_searching_a_spelling_and_picking_the_hit_selects_its_segment(
    page: Page, app_url: str
) -> None:
    page.goto(app_url)
    map_frame(page)
    box = page.get_by_label("Search places and quotes")
    box.fill("Meghry")  # a typo of an alias
    box.press("Enter")
    wait_for_query(page, "q", ["Meghry"])
    first = sidebar(page).locator(".st-key-hit-0").get_by_role("button")
    expect(first).to_contain_text(MEGHRI.name)
    first.click()
    expect(sidebar_heading(page)).to_have_text(MEGHRI.name)
    wait_for_sidebar_text(page, [DATASET.passages[p].text for p in MEGHRI.passages])
    wait_for_query(page, "segment", [MEGHRI.id])


def test_read_in_context_opens_the_reader_at_the_quote(session: Session, app_url: str) -> None:
    page = session.page
    segment = DATASET.segments["rasht-astara-railway"]
    page.goto(f"{app_url}/?segment={segment.id}")
    expect(sidebar_heading(page)).to_have_text(segment.name)
    wait_for_sidebar_text(page, [DATASET.passages[p].text for p in segment.passages])
    # The last quote's link: the reader must scroll to it, past the top of its document.
    links = sidebar(page).get_by_role("link", name="Read in context ↗")
    link = links.nth(links.count() - 1)
    query = parse_qs(urlsplit(link.get_attribute("href") or "").query)
    passage = DATASET.passages[query["passage"][0]]
    assert query["reader"] == [passage.seed]
    with session.context.expect_page() as opened:
        link.click()
    reader = opened.value
    heading = reader.locator(f"#passage-{passage.id}")
    expect(heading).to_be_in_viewport(timeout=30_000)
    expect(reader.get_by_role("heading", level=2).first).to_be_visible()
    highlighted = reader.get_by_text(passage.text[:60], exact=False).first
    expect(highlighted).to_be_visible()
    assert f"reader={passage.seed}" in reader.url and f"passage={passage.id}" in reader.url
    reader.get_by_role("button", name=f"Show {segment.name} on the map").first.click()
    expect(sidebar_heading(reader)).to_have_text(segment.name)
    map_frame(reader)


def test_the_downloaded_files_hold_exactly_what_is_shown(page: Page, app_url: str) -> None:
    year, corridors = 2022, {"zangezur", "rasht-astara"}
    expected = shown(year, corridors)
    page.goto(f"{app_url}/?year={year}&corridor=zangezur&corridor=rasht-astara")
    map_frame(page)
    assert drawn_ids(page) == sorted(expected)
    with page.expect_download() as geojson_download:
        page.get_by_role("button", name=f"Download the {len(expected)} shown segments").click()
    document = json.loads(geojson_download.value.path().read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    assert [f["properties"]["id"] for f in document["features"]] == expected
    for feature in document["features"]:
        assert feature["properties"]["status_year"] <= year
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download their passages with citations").click()
    text = csv_download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    pairs = {(r["segment_id"], r["passage_id"]) for r in rows}
    cited = {
        (segment_id, passage_id)
        for segment_id in expected
        for passage_id in DATASET.segments[segment_id].passages
    }
    assert cited <= pairs
    assert {segment_id for segment_id, _ in pairs} == set(expected)
    for row in rows:
        assert row["quote"] == DATASET.passages[row["passage_id"]].text
