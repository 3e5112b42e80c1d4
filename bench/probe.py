"""The in-page instruments: a WebSocket recorder, input and map-event clocks, and the predicates.

Every time is the top page's `performance.now()`, so a cold load's times count from navigation
start and a click's from its mousedown, with no Python timer in between.
"""

from __future__ import annotations

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.SessionStatus_pb2 import SessionStatus

MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"

# Field numbers, so the page can follow the run state without a protobuf library.
FIELDS = {
    "rerun": BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number,
    "status": ForwardMsg.DESCRIPTOR.fields_by_name["session_status_changed"].number,
    "running": SessionStatus.DESCRIPTOR.fields_by_name["script_is_running"].number,
}

_INIT = """
(() => {
  const F = __FIELDS__;
  performance.setResourceTimingBufferSize(100000);
  if (window !== window.top) {
    // The map frame. Listeners go on its window, not its document: this runs in the frame's
    // first about:blank document, whose window (not document) the loaded page keeps. A click
    // starts at its mousedown; the map's moves start the component's 250 ms debounce, so they
    // count as activity until the page settles.
    const top = window.top;
    const touch = () => { if (top.__bench) top.__bench.activity = top.performance.now(); };
    window.addEventListener('mousedown', () => {
      if (top.__bench) top.__bench.mousedown = top.performance.now();
    }, true);
    let map;
    Object.defineProperty(window, 'map', {
      configurable: true,
      get: () => map,
      set: (value) => {
        map = value;
        if (value && value.on) value.on('movestart moveend zoomend click', touch);
        touch();
      },
    });
    return;
  }
  const bench = window.__bench = {
    log: [], running: false, statusAt: -1, rerunAt: -1, activity: 0, mousedown: 0, keydown: 0,
  };
  window.addEventListener('keydown', () => { bench.keydown = performance.now(); }, true);
  window.addEventListener('message', (event) => {
    if (event.data && event.data.isStreamlitMessage) bench.activity = performance.now();
  }, true);
  const varint = (b, i) => {
    let value = 0, scale = 1, byte;
    do { byte = b[i++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80);
    return [value, i];
  };
  // Top-level fields of a protobuf message: [number, wire type, value or bytes].
  const fields = (b) => {
    const out = [];
    let i = 0;
    while (i < b.length) {
      let key, value;
      [key, i] = varint(b, i);
      const type = key & 7;
      if (type === 0) [value, i] = varint(b, i);
      else if (type === 2) { let n; [n, i] = varint(b, i); value = b.subarray(i, i + n); i += n; }
      else if (type === 1) i += 8;
      else if (type === 5) i += 4;
      else break;
      out.push([Math.floor(key / 8), type, value]);
    }
    return out;
  };
  const Native = window.WebSocket;
  class Recorded extends Native {
    constructor(...args) {
      super(...args);
      // Registered before Streamlit's own listener, so the clock reads before it decodes.
      this.addEventListener('message', (event) => {
        const t = performance.now();
        const bytes = new Uint8Array(event.data);
        bench.log.push({t, dir: 'in', size: bytes.length, data: event.data});
        bench.activity = t;
        for (const [no, , value] of fields(bytes)) {
          if (no !== F.status) continue;
          bench.running = fields(value).some(([n, , v]) => n === F.running && v === 1);
          bench.statusAt = t;
        }
      });
    }
    send(data) {
      const t = performance.now();
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data.slice(0))
        : new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      bench.log.push({t, dir: 'out', size: bytes.length, data: bytes.buffer});
      bench.activity = t;
      if (fields(bytes).some(([no]) => no === F.rerun)) bench.rerunAt = t;
      return super.send(data);
    }
  }
  window.WebSocket = Recorded;
})();
"""


def init_script() -> str:
    """The script every page and frame runs before its own."""
    fields = "{" + ", ".join(f"{name}: {number}" for name, number in FIELDS.items()) + "}"
    return _INIT.replace("__FIELDS__", fields)


# Drains the message log: base64 is computed here, after the measured window, not while the
# page receives, so encoding never delays the app.
DRAIN = """
() => {
  const b64 = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  };
  return window.__bench.log.splice(0).map((m) => ({t: m.t, dir: m.dir, size: m.size,
                                                   b64: b64(m.data)}));
}
"""

# The page is settled when no script runs, none was requested since the last status report,
# the map frame has its map (a frame being re-mounted has none yet), and nothing moved for
# `quiet` ms: longer than streamlit-folium's 250 ms debounce, so a pending map report cannot
# be missed.
SETTLED = """
(quiet) => {
  const b = window.__bench;
  const frames = document.querySelectorAll(__IFRAME__);
  const frame = frames[frames.length - 1];
  if (!frame || !frame.contentWindow || !frame.contentWindow.map) return false;
  return !b.running && b.statusAt > b.rerunAt && performance.now() - b.activity >= quiet;
}
""".replace("__IFRAME__", repr(MAP_IFRAME))

# Evaluates a driver function (from tests/browser/mapdriver.py) inside the map frame's realm,
# reached from the top page so that a re-mounted frame is found as well as the first one.
_PRELUDE = """
const frames = document.querySelectorAll(__IFRAME__);
const frame = frames[frames.length - 1];
const win = frame && frame.contentWindow;
const inFrame = (source, ...args) => {
  if (!win || !win.map) return undefined;
  try { return win.eval('(' + source + ')')(...args); } catch (error) { return undefined; }
};
"""


def _page_function(body: str) -> str:
    return f"(arg) => {{ {_PRELUDE} {body} }}".replace("__IFRAME__", repr(MAP_IFRAME))


# arg: {drawn: DRAWN_IDS source, expected: sorted ids}. The time they were all drawn, or false.
DRAWN_AT = _page_function(
    """
  const ids = inFrame(arg.drawn);
  if (!ids || ids.length !== arg.expected.length) return false;
  return ids.every((id, i) => id === arg.expected[i]) && performance.now();
"""
)

# arg: {point: POINT_ON_SEGMENT source, id}. The point in page coordinates, or null.
POINT_IN_PAGE = _page_function(
    """
  const point = inFrame(arg.point, arg.id);
  if (!point) return null;
  const box = frame.getBoundingClientRect();
  return [box.left + point[0], box.top + point[1]];
"""
)

# A token on the frame's window and on its map, once it has one: a re-mounted map has neither.
SET_TOKEN = _page_function(
    "if (!win || !win.map) return false; win.__benchToken = arg; win.map.__benchToken = arg;"
    " return true;"
)
HAS_TOKEN = _page_function(
    "return !!win && win.__benchToken === arg && !!win.map && win.map.__benchToken === arg;"
)


def shown_at(sidebar_shows: str) -> str:
    """A predicate on texts: the time the sidebar showed every one of them, or false."""
    return f"(texts) => ({sidebar_shows})(texts) && performance.now()"


# HTTP response bodies as transferred (encodedBodySize) that ended by `until`, over the top page
# and its frames, on the top page's clock. A frame's own document is counted once: as the top
# page's resource entry for the iframe.
HTTP_BYTES = """
(until) => {
  let total = 0;
  const add = (win, withNavigation) => {
    const shift = win.performance.timeOrigin - performance.timeOrigin;
    const entries = win.performance.getEntriesByType('resource');
    if (withNavigation) entries.push(...win.performance.getEntriesByType('navigation'));
    for (const e of entries) if (e.responseEnd + shift <= until) total += e.encodedBodySize;
  };
  add(window, true);
  for (const frame of document.querySelectorAll('iframe')) add(frame.contentWindow, false);
  return total;
}
"""

NOW = "() => performance.now()"
READ_CLOCKS = "() => ({mousedown: window.__bench.mousedown, keydown: window.__bench.keydown})"
