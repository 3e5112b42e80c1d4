"""One visit to one app in a fresh browser context: a cold load, clicks and year changes, each
timed by the page's own clock and summed up from what went over the WebSocket."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route, WebSocketRoute, expect

from bench import probe
from bench.wire import Message, Traffic, decode, phases, traffic
from tests.browser.mapdriver import DRAWN_IDS, POINT_ON_SEGMENT, SIDEBAR_SHOWS, flat

WAIT_MS = 600_000
"""The longest any one step may take: a 10,000-segment baseline needs minutes, not hours."""
QUIET_MS = 600
"""How long nothing may move before the page counts as settled (see probe.SETTLED)."""
VIEWPORT = {"width": 1400, "height": 1000}
# Regexes are matched by Playwright's driver, so loopback requests never wait on Python.
OFF_HOST = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)(:\d+)?/)")
OFF_HOST_WS = re.compile(r"^(?!wss?://(127\.0\.0\.1|localhost)(:\d+)?/)")


@dataclass
class Visit:
    """A page in its own browser context, and every request that tried to leave loopback."""

    context: BrowserContext
    page: Page
    off_host: list[str] = field(default_factory=list)
    token: str = ""


def open_visit(browser: Browser) -> Visit:
    """A fresh context (empty HTTP cache) with the instruments installed and the network fenced."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(probe.init_script())
    visit = Visit(context, context.new_page())

    def refuse(route: Route) -> None:
        visit.off_host.append(route.request.url)
        route.abort()

    def refuse_socket(route: WebSocketRoute) -> None:
        visit.off_host.append(route.url)
        route.close()

    context.route(OFF_HOST, refuse)
    context.route_web_socket(OFF_HOST_WS, refuse_socket)
    return visit


def wait_value(page: Page, predicate: str, arg: Any) -> Any:
    """The first truthy value of a page predicate, polled on every animation frame."""
    return page.wait_for_function(predicate, arg=arg, polling="raf", timeout=WAIT_MS).json_value()


def settle(page: Page) -> None:
    wait_value(page, probe.SETTLED, QUIET_MS)


def drain(page: Page) -> list[Message]:
    return decode(page.evaluate(probe.DRAIN))


def cold_load(visit: Visit, url: str, expected: list[str]) -> dict[str, Any]:
    """Navigate and wait for the map to draw `expected`; times count from navigation start."""
    page = visit.page
    page.goto(url, wait_until="commit", timeout=WAIT_MS)
    drawn_at = wait_value(page, probe.DRAWN_AT, {"drawn": DRAWN_IDS, "expected": expected})
    settle(page)
    until_drawn = traffic(drain(page), until=drawn_at)
    http_bytes = page.evaluate(probe.HTTP_BYTES, drawn_at)
    http_settled = page.evaluate(probe.HTTP_BYTES, page.evaluate(probe.NOW))
    new_token(visit)
    return {
        "load_ms": drawn_at,
        "load_http_bytes": http_bytes,
        "load_ws_bytes": until_drawn.received_bytes,
        "load_bytes": http_bytes + until_drawn.received_bytes,
        "load_http_bytes_settled": http_settled,
        "load_script_ms": until_drawn.script_ms,
    }


def new_token(visit: Visit) -> None:
    visit.token = secrets.token_hex(8)
    wait_value(visit.page, probe.SET_TOKEN, visit.token)


def click(visit: Visit, segment_id: str, texts: list[str]) -> dict[str, Any]:
    """Click the segment at a point POINT_ON_SEGMENT picks (where a click selects it); done
    when the sidebar shows `texts`."""
    page = visit.page
    settle(page)
    wanted = [flat(text) for text in texts]
    if page.evaluate(SIDEBAR_SHOWS, wanted):
        raise RuntimeError(f"the sidebar already shows {wanted[:1]} before the click")
    # As a reader would: the map's lower edge may start below the window (a 1000 px viewport).
    page.locator(probe.MAP_IFRAME).last.scroll_into_view_if_needed()
    point = page.evaluate(probe.POINT_IN_PAGE, {"point": POINT_ON_SEGMENT, "id": segment_id})
    if point is None:
        raise RuntimeError(f"{segment_id} has no clickable point in view")
    page.mouse.move(*point)  # hovering shows a tooltip; it is not part of the click
    settle(page)
    drain(page)
    before = page.evaluate(probe.NOW)
    page.mouse.down()
    page.mouse.up()
    shown_at = wait_value(page, probe.shown_at(SIDEBAR_SHOWS), wanted)
    started = page.evaluate(probe.READ_CLOCKS)["mousedown"]
    if started < before:
        raise RuntimeError("the map frame did not report the click's mousedown")
    return interaction(visit, "click", started, shown_at)


def change_year(visit: Visit, year: int, current: int, expected: list[str]) -> dict[str, Any]:
    """One arrow key on the year slider's thumb, as set_year in mapdriver does; done when the
    map draws `expected`."""
    page = visit.page
    settle(page)
    thumb = page.get_by_test_id("stSlider").get_by_role("slider")
    thumb.focus()
    drain(page)
    before = page.evaluate(probe.NOW)
    thumb.press("ArrowLeft" if year < current else "ArrowRight")
    drawn_at = wait_value(page, probe.DRAWN_AT, {"drawn": DRAWN_IDS, "expected": expected})
    started = page.evaluate(probe.READ_CLOCKS)["keydown"]
    if started < before:
        raise RuntimeError("the page did not report the key press")
    result = interaction(visit, "filter", started, drawn_at)
    expect(thumb).to_have_value(str(year))
    return result


def interaction(visit: Visit, name: str, started: float, done: float) -> dict[str, Any]:
    """Everything an interaction caused, up to the page settling again, where its time went,
    and whether the map survived it (a re-mounted map resets the view; a fresh token goes on
    the new one)."""
    settle(visit.page)
    messages = drain(visit.page)
    window: Traffic = traffic(messages)
    survived = visit.page.evaluate(probe.HAS_TOKEN, visit.token)
    if not survived:
        new_token(visit)
    split = phases(messages, started, done)
    parts = {} if split is None else {
        f"{name}_request_ms": split.request_ms,
        f"{name}_server_ms": split.server_ms,
        f"{name}_render_ms": split.render_ms,
    }  # fmt: skip
    return parts | {
        f"{name}_ms": done - started,
        f"{name}_ws_bytes": window.received_bytes,
        f"{name}_reruns": window.reruns,
        f"{name}_ref_hashes": window.ref_hashes,
        f"{name}_remounts": 0 if survived else 1,
        f"script_{name}_ms": window.script_ms,
    }
