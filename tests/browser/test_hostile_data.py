"""Real browser on hostile data: names, quotes and metadata full of HTML, script and markdown.

The app runs on tests/fixtures/hostile, whose every displayed string carries a payload (see its
README). Hovering and clicking every segment, reading every quote in context, every seed in the
reader, searching, the timeline and the table must run none of them, load nothing they point
at, and show each text exactly as the data has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from geo.load import load_dataset
from geo.mapview import midpoint
from geo.models import Segment
from geo.paths import DataPaths
from tests.browser.conftest import Session, streamlit_server
from tests.browser.mapdriver import (
    click_segment,
    hover_segment,
    map_frame,
    sidebar,
    wait_for_query,
    wait_for_sidebar_text,
    wait_for_text,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
DATASET = load_dataset(DataPaths(FIXTURE))
SEEDS = {name: (FIXTURE / "seeds" / name).read_text(encoding="utf-8") for name in DATASET.sources}
ZOOM = {"rasht-astara": 7, "mumbai-bandar-abbas": 6, "horadiz-agbend": 8, "meghri-section": 8}
STATUS = {term.id: term.label for term in DATASET.vocabulary.statuses}
MODE = {term.id: term.label for term in DATASET.vocabulary.modes}
READER_BODY = ".st-key-reader-body"
SIDEBAR_HEADING = '[data-testid="stSidebar"] h2'
pytestmark = pytest.mark.browser

# Anything a payload would leave in the DOM had it been parsed as HTML: an event-handler
# attribute, a javascript: address, an element pointing at a payload's image (198.51.100.7; the
# source address 198.51.100.9 is a real link), a payload's own script or style. Checked in the
# page, the map frame and every tab.
INJECTED = r"""
() => {
  const found = [];
  const shown = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      // Text attributes (a legend row's title) may hold a payload as text: only handlers
      // and the attributes that load or link something are checked.
      const link = /^(href|src|srcset|srcdoc|action|formaction|data|xlink:href|poster)$/i;
      const bad = /^\s*javascript:|198\.51\.100\.7\/|127\.0\.0\.1:1\/|__pwned/i;
      if (/^on/i.test(attr.name) || (link.test(attr.name) && bad.test(attr.value))) {
        found.push(shown(el));
      }
    }
    const text = el.textContent.trim();
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push(shown(el));
    if (el.tagName === 'SCRIPT' && /^(window\.__pwned|alert\()/.test(text)) found.push(shown(el));
    if (el.tagName === 'STYLE' && text === 'body{display:none}') found.push(shown(el));
  }
  return found;
}
"""
# What a payload would have fetched: its images (relative "x", documentation addresses) and
# the loopback image of a markdown image.
FETCHED = re.compile(r"/x(?:$|[?#])|/x\.png|/(?:quote|note|name)\.png|198\.51\.100\.")


@pytest.fixture(scope="module")
def hostile_url() -> Iterator[str]:
    """A second server, serving the hostile fixture instead of the repository's data."""
    with streamlit_server(FIXTURE) as url:
        yield url


def assert_nothing_ran(session: Session) -> None:
    """No payload ran or was parsed as HTML in any tab or map frame, none fetched anything."""
    assert session.dialogs == [], f"dialogs opened: {session.dialogs}"
    for page in session.context.pages:
        frames = [page.main_frame, *(f for f in page.frames if f.parent_frame is page.main_frame)]
        for frame in frames:
            assert frame.evaluate("() => window.__pwned") is None, f"payload ran in {frame.url}"
            assert frame.evaluate(INJECTED) == [], f"payload parsed as HTML in {frame.url}"
    fetched = [url for url in session.requests if FETCHED.search(url)]
    assert fetched == [], f"payloads fetched: {fetched}"


def close_up(url: str, segment: Segment) -> str:
    lat, lon = midpoint(segment)
    return f"{url}/?lat={lat:.4f}&lon={lon:.4f}&zoom={ZOOM[segment.id]}"


def sidebar_texts(segment: Segment) -> list[str]:
    """Every data text the sidebar shows for the segment, as the data has it."""
    corridor = DATASET.corridors[segment.corridor]
    texts = [segment.name, corridor.name, segment.geometry_note, MODE[segment.mode]]
    for entry in segment.statuses:
        texts.append(STATUS[entry.status])
        texts += [entry.note] if entry.note else []
    for passage_id in segment.passages:
        passage = DATASET.passages[passage_id]
        source = DATASET.sources[passage.seed]
        texts.append(passage.text)
        texts += [passage.speaker] if passage.speaker else []
        texts += [field for field in (source.title, source.outlet, source.author) if field]
    for conflict in DATASET.conflicts.values():
        if segment.id in conflict.segments:
            texts += [conflict.topic, conflict.note]
    return texts


def test_every_segment_hovered_and_clicked_shows_its_payloads_as_text(
    session: Session, hostile_url: str
) -> None:
    page = session.page
    read: set[str] = set()
    for segment in DATASET.segments.values():
        page.goto(close_up(hostile_url, segment))
        tooltip = hover_segment(page, segment.id)
        expect(tooltip).to_be_visible()
        assert_nothing_ran(session)
        corridor = DATASET.corridors[segment.corridor].name
        expect(tooltip).to_contain_text(f"Segment: {segment.name}")
        expect(tooltip).to_contain_text(f"Corridor: {corridor}")
        expect(tooltip).to_contain_text(f"Mode: {MODE[segment.mode]}")
        expect(tooltip.locator("*:not(div):not(b)")).to_have_count(0)
        click_segment(page, segment.id)
        wait_for_query(page, "segment", [segment.id])
        wait_for_text(page, SIDEBAR_HEADING, [segment.name])
        wait_for_sidebar_text(page, sidebar_texts(segment))
        page.get_by_role("button", name="Show how to cite this segment").click()
        # st.code draws once its highlighter's bundle has loaded: seconds on a busy machine.
        code = sidebar(page).get_by_test_id("stCode")
        expect(code).to_contain_text(segment.name, timeout=30_000)
        about = sidebar(page).get_by_text("About the corridor as a whole")
        if about.count():
            about.click()
            corridor_quotes = DATASET.corridors[segment.corridor].passages
            wait_for_sidebar_text(page, [DATASET.passages[p].text for p in corridor_quotes])
        assert_nothing_ran(session)
        read |= read_every_quote_in_context(session, page, read)
    assert read == set(DATASET.passages)


def read_every_quote_in_context(session: Session, page: Page, done: set[str]) -> set[str]:
    """Open each sidebar quote's "Read in context" link not opened yet, in its new tab."""
    links = sidebar(page).get_by_role("link", name="Read in context ↗")
    opened = set()
    for index in range(links.count()):
        link = links.nth(index)
        href = link.get_attribute("href") or ""
        passage_id = re.search(r"[?&]passage=([^&#]+)", href)
        assert passage_id is not None, href
        if passage_id[1] in done | opened:
            continue
        passage = DATASET.passages[passage_id[1]]
        with session.context.expect_page() as tab_opened:
            link.click()
        tab = tab_opened.value
        expect(tab.locator(f"#passage-{passage.id}")).to_be_attached(timeout=30_000)
        wait_for_text(tab, READER_BODY, [passage.text])
        assert_nothing_ran(session)
        tab.close()
        opened.add(passage.id)
    return opened


def test_every_seed_in_the_reader_shows_its_payloads_as_text(
    session: Session, hostile_url: str
) -> None:
    page = session.page
    for seed, text in SEEDS.items():
        page.goto(f"{hostile_url}/?reader={quote(seed)}")
        source = DATASET.sources[seed]
        passages = [p for p in DATASET.passages.values() if p.seed == seed]
        # Every line no passage heading interrupts, and every passage whole.
        starts = [p.start for p in passages]
        lines, at = [], 0
        for line in text.split("\n"):
            if line.strip() and not any(at <= start < at + len(line) for start in starts):
                lines.append(line)
            at += len(line) + 1
        metadata = [source.title, source.outlet, source.author, source.licence]
        metadata += list(source.inferred.values())
        backed = [
            f"Show {s.name} on the map"
            for s in DATASET.segments.values()
            if set(s.passages) & {p.id for p in passages}
        ]
        wanted = [t for t in [*metadata, *lines, *(p.text for p in passages), *backed] if t]
        wait_for_text(page, READER_BODY, wanted)
        others = [s.title for name, s in DATASET.sources.items() if name != seed and s.title]
        wait_for_sidebar_text(page, others)
        assert_nothing_ran(session)


def test_search_timeline_and_table_show_payloads_as_text(
    session: Session, hostile_url: str
) -> None:
    page = session.page
    page.goto(hostile_url)
    map_frame(page)
    target = DATASET.segments["meghri-section"]
    box = page.get_by_label("Search places and quotes")
    box.fill(target.name)
    box.press("Enter")
    wait_for_query(page, "q", [target.name])
    hit = sidebar(page).locator(".st-key-hit-0").get_by_role("button")
    wait_for_text(page, ".st-key-hit-0", [target.name])
    hit.click()
    wait_for_text(page, SIDEBAR_HEADING, [target.name])
    wait_for_query(page, "segment", [target.id])
    for segment in DATASET.segments.values():
        for alias in segment.aliases:
            box.fill(alias)
            box.press("Enter")
            wait_for_text(page, ".st-key-hit-0", [f"{segment.name} (also called {alias})"])
    box.fill("<img src=x onerror=alert('search')> nowhere")
    box.press("Enter")
    wait_for_sidebar_text(page, ["Nothing matches “<img src=x onerror=alert('search')> nowhere”."])
    count = len(DATASET.segments)
    page.get_by_role("button", name="Show the timeline").click()
    chart = page.get_by_test_id("stVegaLiteChart")
    expect(chart.locator("canvas, svg").first).to_be_visible(timeout=30_000)
    page.get_by_role("button", name=f"Show the segment table ({count} shown)").click()
    table = page.locator(".st-key-segment-table")
    expect(table).to_contain_text(f"{count} segments shown")
    expect(table.get_by_test_id("stDataFrame")).to_be_visible()
    assert_nothing_ran(session)
