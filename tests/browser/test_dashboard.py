"""Real browser: click to quote, the year filter, shared links and hostile URLs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from geo.compression import MINIMUM_SIZE
from geo.load import load_dataset
from geo.mapview import midpoint
from geo.paths import DEFAULT_PATHS
from tests.browser.conftest import Session, open_session
from tests.browser.mapdriver import (
    click_empty_map,
    click_segment,
    drawn_ids,
    map_frame,
    map_view,
    set_year,
    sidebar_heading,
    wait_for_query,
    wait_for_sidebar_text,
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DATASET = load_dataset(DEFAULT_PATHS)
LAST_YEAR = max(entry.year for s in DATASET.segments.values() for entry in s.statuses)
pytestmark = pytest.mark.browser

ONE_OF_EACH_NAMED_CORRIDOR = [
    "rasht-astara-railway",
    "instc-astrakhan-samur",
    "zangezur-horadiz-aghband",
    "caspian-anzali-astrakhan",
    "goris-kapan-highway",
]


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    map_frame(page)


def expect_selected(page: Page, segment_id: str) -> None:
    """The sidebar names the segment and shows every one of its quotes, verbatim."""
    segment = DATASET.segments[segment_id]
    expect(sidebar_heading(page)).to_have_text(segment.name)
    wait_for_sidebar_text(page, [DATASET.passages[p].text for p in segment.passages])


def close_up(app_url: str, segment_id: str, zoom: int = 7) -> str:
    """A link to a view centred on a segment, as a user who zoomed in to it would share."""
    lat, lon = midpoint(DATASET.segments[segment_id])
    return f"{app_url}/?lat={lat:.4f}&lon={lon:.4f}&zoom={zoom}"


def test_streamlits_frontend_arrives_compressed(page: Page, app_url: str) -> None:
    """app.py serves the page through geo.compression: each bundle of Streamlit's frontend
    worth compressing arrives gzip-compressed (Streamlit alone sends them as they are), and
    the map still opens."""
    open_app(page, app_url)
    bundles = page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(e => e.name.includes('/static/js/'))
            .map(e => [e.name.split('/').pop(), e.encodedBodySize, e.decodedBodySize])"""
    )
    worth = [(name, sent, size) for name, sent, size in bundles if size >= MINIMUM_SIZE]
    assert len(worth) >= 5, bundles
    assert [b for b in worth if b[1] >= b[2]] == [], "sent as they are"
    assert sum(b[1] for b in worth) < sum(b[2] for b in worth) / 3


def test_a_linked_view_stays_in_the_address_while_the_map_opens(page: Page, app_url: str) -> None:
    # The map is built at home and then moved to the link's view; its first report, at home,
    # once wrote the home view over the link's (three history entries, then three more back).
    link = close_up(app_url, "rasht-astara-railway")
    addresses: list[str] = []
    page.on("framenavigated", lambda f: addresses.append(f.url) if f is page.main_frame else None)
    open_app(page, link)
    click_segment(page, "rasht-astara-railway")
    wait_for_query(page, "segment", ["rasht-astara-railway"])
    assert addresses == [link, f"{link}&segment=rasht-astara-railway"]


@pytest.mark.parametrize("segment_id", ONE_OF_EACH_NAMED_CORRIDOR)
def test_clicking_a_segment_shows_its_quotes(page: Page, app_url: str, segment_id: str) -> None:
    open_app(page, close_up(app_url, segment_id))
    click_segment(page, segment_id)
    expect_selected(page, segment_id)
    wait_for_query(page, "segment", [segment_id])


def test_selected_segment_screenshot(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    click_segment(page, "rasht-astara-railway")
    expect_selected(page, "rasht-astara-railway")
    # Show the quotes, not the facts above them, and no tooltip over the map.
    page.mouse.move(5, 5)
    sidebar_heading(page).locator("xpath=ancestor::section").get_by_role(
        "heading", name="What the sources say"
    ).scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "selected-segment.png"))


def test_clicking_twice_keeps_and_empty_map_clears_the_selection(page: Page, app_url: str) -> None:
    open_app(page, close_up(app_url, "zangezur-horadiz-aghband"))
    click_segment(page, "zangezur-horadiz-aghband")
    expect_selected(page, "zangezur-horadiz-aghband")
    click_segment(page, "zangezur-horadiz-aghband")
    expect_selected(page, "zangezur-horadiz-aghband")
    click_segment(page, "zangezur-syunik-meghri")
    expect_selected(page, "zangezur-syunik-meghri")
    click_empty_map(page)
    expect(sidebar_heading(page)).to_have_text("Sources")
    wait_for_query(page, "segment", [])


def test_a_segment_disappears_a_year_before_its_first_status(page: Page, app_url: str) -> None:
    segment = DATASET.segments["zangezur-horadiz-aghband"]
    open_app(page, app_url)
    assert segment.id in drawn_ids(page)
    set_year(page, segment.first_year - 1, current=LAST_YEAR)
    frame = map_frame(page)
    frame.wait_for_function(
        "(id) => { let found = false; window.map.eachLayer((l) => { if (l.feature &&"
        " l.feature.properties.id === id) found = true; }); return !found; }",
        arg=segment.id,
    )
    wait_for_query(page, "year", [str(segment.first_year - 1)])
    shown = [s for s in DATASET.segments.values() if s.first_year <= segment.first_year - 1]
    expect(page.get_by_text(f"Show the segment table ({len(shown)} shown)")).to_be_visible()


def test_a_table_row_selects_its_segment(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/?corridor=zangezur")
    rows = [s for s in DATASET.segments.values() if s.corridor == "zangezur"]
    page.get_by_role("button", name=f"Show the segment table ({len(rows)} shown)").click()
    expect(page.locator(".st-key-segment-table")).to_contain_text(f"{len(rows)} segments shown")
    table = page.locator(".st-key-segment-table").get_by_test_id("stDataFrame")
    order = sorted(rows, key=lambda s: (s.first_year, s.id))
    index = [s.id for s in order].index("zangezur-syunik-meghri")
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    row_height = 35  # Streamlit's default data-grid row height, header row included
    page.mouse.click(box["x"] + 16, box["y"] + row_height * (index + 1.5))
    expect_selected(page, "zangezur-syunik-meghri")


def test_a_copied_link_reopens_the_same_view(
    session: Session, browser: Browser, app_url: str
) -> None:
    page = session.page
    session.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(page, app_url)
    set_year(page, 2022, current=LAST_YEAR)
    expect(page.get_by_test_id("stSlider")).to_contain_text("2022")
    click_segment(page, "rasht-astara-railway")
    expect_selected(page, "rasht-astara-railway")
    map_frame(page).locator(".leaflet-control-zoom-in").click()
    page.get_by_role("button", name="Show a link to this view").click()
    expect(page.get_by_test_id("stCode")).to_contain_text("zoom=6")
    code = page.get_by_test_id("stCode")
    code.hover()
    code.get_by_role("button").click()
    link = page.evaluate("navigator.clipboard.readText()")
    query = parse_qs(urlsplit(link).query)
    assert query["year"] == ["2022"]
    assert query["segment"] == ["rasht-astara-railway"]
    assert query["zoom"] == ["6"]
    before = drawn_ids(page)

    fresh = open_session(browser)
    try:
        open_app(fresh.page, link)
        expect_selected(fresh.page, "rasht-astara-railway")
        thumb = fresh.page.get_by_test_id("stSlider").get_by_role("slider")
        expect(thumb).to_have_value("2022")
        assert drawn_ids(fresh.page) == before
        view = map_view(fresh.page)
        assert view["zoom"] == 6
        assert (round(view["lat"], 2), round(view["lng"], 2)) == (
            round(float(query["lat"][0]), 2),
            round(float(query["lon"][0]), 2),
        )
        assert fresh.off_host == []
    finally:
        fresh.context.close()


HOSTILE = (
    "/?segment=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"
    "&year=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D2%22%3E"
    "&mode=%22%3E%3Csvg%20onload%3Dalert(3)%3E"
    "&zoom=99&lat=abc&%3Cb%3Ekey%3C%2Fb%3E=javascript%3Aalert(4)"
)


def test_a_hostile_url_runs_no_script_and_says_what_it_ignored(
    session: Session, app_url: str
) -> None:
    page = session.page
    open_app(page, app_url + HOSTILE)
    notice = page.get_by_test_id("stText").first
    expect(notice).to_contain_text("Ignored segment=“<script>window.__pwned=1</script>”")
    expect(notice).to_contain_text("Ignored zoom=“99”")
    expect(sidebar_heading(page)).to_have_text("Sources")
    assert len(drawn_ids(page)) == len(DATASET.segments)
    assert page.evaluate("window.__pwned") is None
    assert map_frame(page).evaluate("window.__pwned") is None
    assert session.dialogs == []
