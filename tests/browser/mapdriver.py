"""Driving the dashboard as a user does: find a segment's line on screen and click it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Frame, Locator, Page, expect

MAP_FRAME = re.compile(r"streamlit_folium")

# Finds a point on the segment's clickable (hit) line where that line is the topmost element,
# so the click goes through the browser's own hit-testing like a user's would.
POINT_ON_SEGMENT = """
(id) => {
  let target = null;
  window.map.eachLayer((layer) => {
    if (layer.feature && layer.feature.properties.id === id
        && layer.options.interactive !== false && layer.getElement) target = layer;
  });
  if (!target) return null;
  const path = target.getElement();
  const length = path.getTotalLength();
  const matrix = path.getScreenCTM();
  for (let i = 1; i < 60; i++) {
    const p = path.getPointAtLength(length * ((i * 37) % 60) / 60);
    const x = matrix.a * p.x + matrix.c * p.y + matrix.e;
    const y = matrix.b * p.x + matrix.d * p.y + matrix.f;
    if (x < 60 || y < 80 || x > window.innerWidth - 20 || y > window.innerHeight - 40) continue;
    if (document.elementFromPoint(x, y) === path) return [x, y];
  }
  return null;
}
"""

DRAWN_IDS = """
() => {
  const ids = new Set();
  window.map.eachLayer((layer) => {
    if (layer.feature && layer.options.interactive !== false && layer.feature.properties.id)
      ids.add(layer.feature.properties.id);
  });
  return [...ids].sort();
}
"""

EMPTY_POINT = """
() => {
  for (let y = 120; y < window.innerHeight - 60; y += 23) {
    for (let x = 80; x < window.innerWidth - 40; x += 31) {
      const hit = document.elementFromPoint(x, y);
      if (hit && !hit.classList.contains('leaflet-interactive')
          && hit.closest('.leaflet-container') && !hit.closest('.leaflet-control')) return [x, y];
    }
  }
  return null;
}
"""


def map_frame(page: Page) -> Frame:
    """The map's frame, once Leaflet has drawn the segments' lines in it."""
    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
        "path.leaflet-interactive"
    ).first.wait_for(state="attached", timeout=30_000)
    frame = page.frame(url=MAP_FRAME)
    assert frame is not None
    return frame


def frame_offset(page: Page) -> tuple[float, float]:
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box is not None
    return box["x"], box["y"]


def drawn_ids(page: Page) -> list[str]:
    ids: list[str] = map_frame(page).evaluate(DRAWN_IDS)
    return ids


def click_segment(page: Page, segment_id: str) -> None:
    point = map_frame(page).evaluate(POINT_ON_SEGMENT, segment_id)
    assert point is not None, f"{segment_id} has no clickable point in view"
    left, top = frame_offset(page)
    page.mouse.click(left + point[0], top + point[1])


def click_empty_map(page: Page) -> None:
    point = map_frame(page).evaluate(EMPTY_POINT)
    assert point is not None, "no empty spot on the map"
    left, top = frame_offset(page)
    page.mouse.click(left + point[0], top + point[1])


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def sidebar_heading(page: Page) -> Locator:
    return sidebar(page).get_by_role("heading", level=2).first


def flat(text: str) -> str:
    return " ".join(text.split())


SIDEBAR_SHOWS = """
(texts) => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar) return false;
  const text = bar.innerText.replaceAll('\\u2060', '').split(/\\s+/).join(' ');
  return texts.every((wanted) => text.includes(wanted));
}
"""


def wait_for_sidebar_text(page: Page, texts: list[str]) -> None:
    """Wait until the sidebar shows every text, as a reader sees it (Streamlit streams the
    sidebar's elements one by one, so the heading comes before the quotes). The invisible word
    joiners that escape_markdown inserts are dropped, as a reader never sees them."""
    page.wait_for_function(SIDEBAR_SHOWS, arg=[flat(text) for text in texts])


def set_year(page: Page, year: int, current: int) -> None:
    """Move the year slider with the keyboard, as a keyboard user would."""
    thumb = page.get_by_test_id("stSlider").get_by_role("slider")
    thumb.focus()
    key = "ArrowLeft" if year < current else "ArrowRight"
    for _ in range(abs(current - year)):
        thumb.press(key)
    expect(thumb).to_have_value(str(year))


def map_view(page: Page) -> dict[str, Any]:
    view: dict[str, Any] = map_frame(page).evaluate(
        "() => ({zoom: window.map.getZoom(), lat: window.map.getCenter().lat,"
        " lng: window.map.getCenter().lng})"
    )
    return view
