"""Driving the dashboard as a user does: find a segment's line on screen and click it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Frame, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

MAP_FRAME = re.compile(r"streamlit_folium")
LINK_BUTTON = re.compile("a link to this view")

# Finds a point on the segment's line that a click there would select, so the click goes
# through the browser and Leaflet like a user's would. Works for SVG paths (the topmost element
# at the point is the line) and canvas lines (the last-drawn interactive line that contains
# the point, which is how Leaflet's canvas renderer picks the clicked layer).
POINT_ON_SEGMENT = """
(id) => {
  const map = window.map;
  let target = null;
  map.eachLayer((layer) => {
    if (layer.feature && layer.feature.properties && layer.feature.properties.id === id
        && layer.options.interactive !== false && layer.getLatLngs) target = layer;
  });
  if (!target) return null;
  const box = map.getContainer().getBoundingClientRect();
  const latlngs = target.getLatLngs();
  const parts = L.LineUtil.isFlat(latlngs) ? [latlngs] : latlngs;
  const canvas = target._renderer instanceof L.Canvas;
  const picked = (point) => {
    if (!canvas) {
      const hit = document.elementFromPoint(box.left + point.x, box.top + point.y);
      return hit === target.getElement();
    }
    const layerPoint = map.containerPointToLayerPoint(point);
    let last = null;
    for (let order = target._renderer._drawFirst; order; order = order.next) {
      const layer = order.layer;
      if (layer.options.interactive && layer._containsPoint(layerPoint)) last = layer;
    }
    return last === target;
  };
  const candidates = [];
  for (const part of parts) {
    for (let i = 1; i < part.length; i++) {
      const a = map.latLngToContainerPoint(part[i - 1]);
      const b = map.latLngToContainerPoint(part[i]);
      for (const t of [0.5, 0.25, 0.75]) candidates.push(a.add(b.subtract(a).multiplyBy(t)));
    }
  }
  // Try the middle of the line first: its ends often touch other segments.
  const middle = candidates.length / 2;
  const order = candidates.map((point, index) => [Math.abs(index - middle), point]);
  order.sort((a, b) => a[0] - b[0]);
  const size = map.getSize();
  for (const [, point] of order) {
    if (point.x < 60 || point.y < 80 || point.x > size.x - 20 || point.y > size.y - 40) continue;
    const hit = document.elementFromPoint(box.left + point.x, box.top + point.y);
    if (!hit || hit.closest('.leaflet-control') || !hit.closest('.leaflet-container')) continue;
    if (picked(point)) return [box.left + point.x, box.top + point.y];
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
  const map = window.map;
  const box = map.getContainer().getBoundingClientRect();
  const layers = [];
  map.eachLayer((layer) => {
    if (layer.options.interactive !== false && layer._containsPoint) layers.push(layer);
  });
  for (let y = 120; y < box.height - 60; y += 23) {
    for (let x = 80; x < box.width - 40; x += 31) {
      const hit = document.elementFromPoint(box.left + x, box.top + y);
      if (!hit || hit.closest('.leaflet-control') || !hit.closest('.leaflet-container')) continue;
      if (hit.tagName === 'path' && hit.classList.contains('leaflet-interactive')) continue;
      const point = map.containerPointToLayerPoint([x, y]);
      if (layers.some((layer) => layer._containsPoint(point))) continue;
      return [box.left + x, box.top + y];
    }
  }
  return null;
}
"""


ANY_DRAWN = """
() => {
  if (!window.map) return false;
  let found = false;
  window.map.eachLayer((layer) => {
    if (layer.feature && layer.options.interactive !== false) found = true;
  });
  return found;
}
"""


def map_frame(page: Page) -> Frame:
    """The map's frame, once Leaflet has drawn segments in it."""
    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
        ".leaflet-container"
    ).wait_for(state="attached", timeout=30_000)
    frame = page.frame(url=MAP_FRAME)
    assert frame is not None
    frame.wait_for_function(ANY_DRAWN, timeout=30_000)
    # A first visit draws the parts under the map once the map has settled at its view (its
    # layers may still change before then): their link button says the page is complete.
    page.get_by_role("button", name=LINK_BUTTON).wait_for(state="attached", timeout=30_000)
    return frame


def frame_offset(page: Page) -> tuple[float, float]:
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    assert box is not None
    return box["x"], box["y"]


def drawn_ids(page: Page) -> list[str]:
    ids: list[str] = map_frame(page).evaluate(DRAWN_IDS)
    return ids


def show_map(page: Page) -> Frame:
    """The map's frame, scrolled into the window as a reader would before clicking on it."""
    frame = map_frame(page)
    page.locator("iframe[title='streamlit_folium.st_folium']").scroll_into_view_if_needed()
    return frame


def segment_point(page: Page, segment_id: str) -> tuple[float, float]:
    """A point of the page on the segment's line where a click would select it."""
    frame = show_map(page)
    try:
        frame.wait_for_function(POINT_ON_SEGMENT, arg=segment_id, timeout=10_000)
    except PlaywrightTimeoutError:
        raise AssertionError(f"{segment_id} has no clickable point in view") from None
    point = frame.evaluate(POINT_ON_SEGMENT, segment_id)
    left, top = frame_offset(page)
    return left + point[0], top + point[1]


def click_segment(page: Page, segment_id: str) -> None:
    page.mouse.click(*segment_point(page, segment_id))


def hover_segment(page: Page, segment_id: str) -> Locator:
    """Rest the pointer on the segment's line; the tooltip Leaflet opens in the map frame."""
    page.mouse.move(*segment_point(page, segment_id))
    return page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
        ".leaflet-tooltip"
    )


def click_empty_map(page: Page) -> None:
    point = show_map(page).evaluate(EMPTY_POINT)
    assert point is not None, "no empty spot on the map"
    left, top = frame_offset(page)
    page.mouse.click(left + point[0], top + point[1])


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def sidebar_heading(page: Page) -> Locator:
    return sidebar(page).get_by_role("heading", level=2).first


def flat(text: str) -> str:
    return " ".join(text.split())


MISSING = """
([selector, texts]) => {
  const box = document.querySelector(selector);
  if (!box) return null;
  const text = box.innerText.replaceAll('\\u2060', '').split(/\\s+/).join(' ');
  return texts.filter((wanted) => !text.includes(wanted));
}
"""
SHOWS = f"(args) => {{ const missing = ({MISSING.strip()})(args); return missing?.length === 0; }}"


def wait_for_text(page: Page, selector: str, texts: list[str]) -> None:
    """Wait until the first element matching `selector` shows every text, as a reader sees it:
    its rendered text (innerText), whitespace runs as one space, and without the invisible
    word joiners that escape_markdown inserts, as a reader never sees them. On a timeout, the
    failure names the texts that were not shown."""
    wanted = [selector, [flat(text) for text in texts]]
    try:
        page.wait_for_function(SHOWS, arg=wanted)
    except PlaywrightTimeoutError:
        missing = page.evaluate(MISSING, wanted)
        where = "nothing matches" if missing is None else f"missing: {missing}"
        raise AssertionError(f"{selector} does not show every text; {where}") from None


SIDEBAR_SHOWS = """
(texts) => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar) return false;
  const text = bar.innerText.replaceAll('\\u2060', '').split(/\\s+/).join(' ');
  return texts.every((wanted) => text.includes(wanted));
}
"""
"""Whether the sidebar shows every (flat) text; bench/ polls it."""


def wait_for_sidebar_text(page: Page, texts: list[str]) -> None:
    """Wait until the sidebar shows every text, as a reader sees it (Streamlit streams the
    sidebar's elements one by one, so the heading comes before the quotes)."""
    wait_for_text(page, '[data-testid="stSidebar"]', texts)


QUERY_HAS = """
([key, values]) => {
  const now = new URLSearchParams(window.location.search).getAll(key);
  return now.length === values.length && now.every((value, i) => value === values[i]);
}
"""


def wait_for_query(page: Page, key: str, values: list[str]) -> None:
    """Wait until the address bar's query has exactly these values for key (none: absent).

    Streamlit writes the URL from messages that can arrive after the sidebar's text, so a
    test reads the address bar the way a reader's browser settles on it, not at one instant.
    """
    page.wait_for_function(QUERY_HAS, arg=[key, values])


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
