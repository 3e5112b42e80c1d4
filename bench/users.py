"""One simulated reader for `python -m bench.load`: an asyncio task driving its own context.

Each user clicks a random visible segment, changes the year slider or a mode pill, and every
third round opens a shared link, until the deadline (choices seeded per user). Times are the
page's own clock (bench/probe): click = the map frame's mousedown to the sidebar showing the
segment's name and first quote; filter = the keydown (slider) or mousedown (pill) to the map
drawing the new set; link = navigation start to the sidebar showing the linked segment.
Every failed wait, page error and off-loopback request is an error.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from playwright.async_api import Browser, ConsoleMessage, Page, Route, WebSocketRoute, expect
from playwright.async_api import Error as PlaywrightError

from bench import probe
from bench.drive import OFF_HOST, OFF_HOST_WS, QUIET_MS, VIEWPORT
from geo.mapview import midpoint
from geo.models import Dataset
from geo.timeline import status_as_of, year_span
from tests.browser.mapdriver import DRAWN_IDS, POINT_ON_SEGMENT, QUERY_HAS, SIDEBAR_SHOWS, flat

WAIT_MS = 60_000
"""The longest one step may wait under load before it counts as an error."""
FIRST_LOAD_MS = 180_000
"""The longest a page load may take (a reader's first load, a shared link, starting over):
with 20 pages on two cores, loading Streamlit's frontend is the slowest thing a reader does."""
SETTLE_POLL_MS = 100
"""settle() is a gate, not a measurement: polled every 100 ms rather than on every frame, so
that pages waiting to settle do not keep Chromium drawing frames for nothing."""
LINK_EVERY = 3
"""Every third round (the 2nd, 5th, 8th...) ends by opening a shared link."""
TOP_MOUSEDOWN = """
(() => {
  if (window !== window.top) return;
  window.addEventListener('mousedown', () => { window.__loadDown = performance.now(); }, true);
})();
"""
CLEAR_LOG = "() => { if (window.__bench) window.__bench.log.length = 0; }"
EXCEPTIONS = "[data-testid=stException]"


class GaveUpError(Exception):
    """A user's page failed and could not be brought back to the home view."""


@dataclass
class User:
    """One reader's state as the page should show it, and everything measured."""

    number: int
    rng: random.Random
    data: Dataset
    base: str
    page: Page = field(init=False)
    year: int = 0
    modes: set[str] = field(default_factory=set)
    selected: str | None = None
    clicks: list[dict[str, Any]] = field(default_factory=list)
    filters: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0

    def error(self, kind: str, detail: str) -> None:
        self.errors.append({"user": self.number, "kind": kind, "detail": detail[:500]})

    def expected(self, year: int | None = None, modes: set[str] | None = None) -> list[str]:
        """The ids the map draws for every status and corridor, a year and a set of modes."""
        year = self.year if year is None else year
        modes = self.modes if modes is None else modes
        return sorted(
            s.id
            for s in self.data.segments.values()
            if s.mode in modes and status_as_of(s, year) is not None
        )

    def texts(self, segment_id: str) -> list[str]:
        segment = self.data.segments[segment_id]
        return [flat(segment.name), flat(self.data.passages[segment.passages[0]].text)]


def all_modes(data: Dataset) -> set[str]:
    return {segment.mode for segment in data.segments.values()}


async def value(
    page: Page, predicate: str, arg: Any, timeout: float = WAIT_MS, polling: Any = "raf"
) -> Any:
    """The first truthy value of a page predicate, polled on every animation frame (or every
    `polling` ms)."""
    handle = await page.wait_for_function(predicate, arg=arg, polling=polling, timeout=timeout)
    return await handle.json_value()


async def settle(page: Page) -> None:
    await value(page, probe.SETTLED, QUIET_MS, polling=SETTLE_POLL_MS)
    await page.evaluate(CLEAR_LOG)  # the recorder's log would otherwise grow all run long


async def open_user(browser: Browser, user: User) -> None:
    """A fresh context with the instruments, the network fenced and every page error heard."""
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(probe.init_script())
    await context.add_init_script(TOP_MOUSEDOWN)

    async def refuse(route: Route) -> None:
        user.error("off-loopback request", route.request.url)
        await route.abort()

    async def refuse_socket(route: WebSocketRoute) -> None:
        user.error("off-loopback websocket", route.url)
        await route.close()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            user.error("console error", message.text)

    await context.route(OFF_HOST, refuse)
    await context.route_web_socket(OFF_HOST_WS, refuse_socket)
    user.page = await context.new_page()
    user.page.on("console", console)
    user.page.on("pageerror", lambda error: user.error("page error", str(error)))


async def load_home(user: User, timeout: float = WAIT_MS) -> float:
    """Open the default view; navigation start to the map drawing every segment of the year."""
    user.year, user.modes, user.selected = year_span(user.data)[1], all_modes(user.data), None
    await user.page.goto(user.base + "/", wait_until="commit", timeout=timeout)
    drawn: float = await value(user.page, probe.DRAWN_AT, drawn_arg(user.expected()), timeout)
    await settle(user.page)
    return drawn


def drawn_arg(expected: list[str]) -> dict[str, Any]:
    return {"drawn": DRAWN_IDS, "expected": expected}


async def click(user: User) -> None:
    """Click a random drawn segment other than the selected one, where POINT_ON_SEGMENT says
    a click selects it; skipped (not an error) if none is in view."""
    page = user.page
    await settle(page)
    # As a reader would: the map's lower edge may start below the window (a 1000 px viewport).
    await page.locator(probe.MAP_IFRAME).last.scroll_into_view_if_needed()
    candidates = [i for i in user.expected() if i != user.selected]
    user.rng.shuffle(candidates)
    for segment_id in candidates:
        texts = user.texts(segment_id)
        if await page.evaluate(SIDEBAR_SHOWS, texts):
            continue  # its texts are on screen already: the click could not be timed
        arg = {"point": POINT_ON_SEGMENT, "id": segment_id}
        point = await page.evaluate(probe.POINT_IN_PAGE, arg)
        if point is not None:
            break
    else:
        user.skipped += 1
        return
    await page.mouse.move(*point)  # the hover's tooltip is not part of the click
    await settle(page)
    before = await page.evaluate(probe.NOW)
    await page.mouse.down()
    await page.mouse.up()
    shown = await value(page, probe.shown_at(SIDEBAR_SHOWS), texts)
    started = (await page.evaluate(probe.READ_CLOCKS))["mousedown"]
    if started < before:
        raise RuntimeError(f"the map frame did not report the mousedown on {segment_id}")
    user.selected = segment_id
    user.clicks.append({"user": user.number, "segment": segment_id, "ms": shown - started})


async def change_filter(user: User) -> None:
    """One step of the year slider to a neighbouring year that draws another set; else a mode
    pill toggled (never the last one on). Done when the map draws the new set."""
    page = user.page
    await settle(page)
    first, last = year_span(user.data)
    years = [y for y in (user.year - 1, user.year + 1) if first <= y <= last]
    years = [y for y in years if user.expected(year=y) != user.expected()]
    if years and user.rng.random() < 0.7:
        year = user.rng.choice(years)
        thumb = page.get_by_test_id("stSlider").get_by_role("slider")
        await thumb.focus()
        before = await page.evaluate(probe.NOW)
        await thumb.press("ArrowLeft" if year < user.year else "ArrowRight")
        drawn = await value(page, probe.DRAWN_AT, drawn_arg(user.expected(year=year)))
        started = (await page.evaluate(probe.READ_CLOCKS))["keydown"]
        if started < before:
            raise RuntimeError("the page did not report the key press")
        await year_shown(page, year)
        user.year = year
        kind = f"year {year}"
    else:
        everything = all_modes(user.data)
        options = sorted(m for m in everything if user.expected(modes=user.modes ^ {m}))
        options = [m for m in options if user.expected(modes=user.modes ^ {m}) != user.expected()]
        if not options:
            user.skipped += 1
            return
        mode = user.rng.choice(options)
        modes = user.modes ^ {mode}
        pill = page.get_by_test_id("stButtonGroup").get_by_role("button", name=mode, exact=True)
        before = await page.evaluate(probe.NOW)
        await pill.click(timeout=WAIT_MS)
        drawn = await value(page, probe.DRAWN_AT, drawn_arg(user.expected(modes=modes)))
        started = await page.evaluate("() => window.__loadDown || 0")
        if started < before:
            raise RuntimeError("the page did not report the pill's mousedown")
        user.modes = modes
        kind = f"mode {mode} {'on' if mode in modes else 'off'}"
    user.filters.append({"user": user.number, "kind": kind, "ms": drawn - started})


async def year_shown(page: Page, year: int) -> None:
    """The slider's thumb shows the year (fails the step after WAIT_MS if not)."""
    thumb = page.get_by_test_id("stSlider").get_by_test_id("stSliderThumbValue")
    await expect(thumb).to_have_text(str(year), timeout=WAIT_MS)


def shared_link(user: User) -> tuple[str, str, int]:
    """A link to a random segment in a year that shows it, centred on it: URL, id, year."""
    segment = user.rng.choice(sorted(user.data.segments.values(), key=lambda s: s.id))
    first, last = year_span(user.data)
    years = [y for y in range(first, last + 1) if status_as_of(segment, y) is not None]
    year = user.rng.choice(years)
    lat, lon = midpoint(segment)
    query = {"segment": segment.id, "year": year, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"}
    query["zoom"] = user.rng.choice([4, 5])
    return f"{user.base}/?{urlencode(query)}", segment.id, year


async def open_link(user: User) -> None:
    """Open a shared link in the same page; it must restore the segment, year and URL."""
    page = user.page
    link, segment_id, year = shared_link(user)
    await page.goto(link, wait_until="commit", timeout=FIRST_LOAD_MS)
    shown_at = probe.shown_at(SIDEBAR_SHOWS)
    shown = await value(page, shown_at, user.texts(segment_id), FIRST_LOAD_MS)
    user.year, user.modes, user.selected = year, all_modes(user.data), segment_id
    # Still the page load: the map frame loads Leaflet and the segment file after the sidebar.
    await value(page, probe.DRAWN_AT, drawn_arg(user.expected()), FIRST_LOAD_MS)
    await value(page, QUERY_HAS, ["segment", [segment_id]])
    await year_shown(page, year)
    user.links.append({"user": user.number, "segment": segment_id, "year": year, "ms": shown})


async def step(user: User, action: str) -> None:
    """One interaction; a failure is an error, then the user starts over from the home view."""
    run = {"click": click, "filter": change_filter, "link": open_link}[action]
    try:
        await run(user)
        if await user.page.locator(EXCEPTIONS).count():
            user.error("streamlit exception", f"after a {action}")
    except (PlaywrightError, RuntimeError, AssertionError) as failure:
        user.error(f"{action} failed", str(failure).splitlines()[0] if str(failure) else action)
        try:
            await load_home(user, FIRST_LOAD_MS)
        except (PlaywrightError, RuntimeError, AssertionError) as again:
            user.error("recovery failed", str(again).splitlines()[0] if str(again) else "")
            raise GaveUpError from again


async def run_user(user: User, start: asyncio.Event, deadline: list[float]) -> None:
    """Rounds of click, filter change and sometimes a link until the deadline (set when
    every user has loaded)."""
    await start.wait()
    rounds = 0
    try:
        while time.monotonic() < deadline[0]:
            actions = ["click", "filter"] + (["link"] if rounds % LINK_EVERY == 1 else [])
            for action in actions:
                if time.monotonic() < deadline[0]:
                    await step(user, action)
            rounds += 1
    except GaveUpError:
        pass  # the user's page is unusable; its errors are recorded
