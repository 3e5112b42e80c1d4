"""The view as a URL: query params to view state and back, validated, never raising (pure).

Streamlit binds the filter widgets (year, status, mode, corridor) to the URL itself and drops
values it cannot use; this module reads the rest (segment, map centre and zoom), explains in a
notice every part of a URL that was ignored, and writes the canonical query of a view.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

YEAR = "year"
STATUS = "status"
MODE = "mode"
CORRIDOR = "corridor"
SEGMENT = "segment"
LAT = "lat"
LON = "lon"
ZOOM = "zoom"
QUERY = "q"
READER = "reader"
PASSAGE = "passage"

BOUND = (YEAR, STATUS, MODE, CORRIDOR, QUERY)
"""Params that Streamlit binds to widgets (``bind="query-params"``); keys equal the names."""
OWN = (SEGMENT, LAT, LON, ZOOM, READER, PASSAGE)
"""Params this module reads and writes through ``st.query_params``."""
STREAMLIT_OWN = ("embed", "embed_options")
"""Streamlit's own params: neither ours to validate nor unknown."""

MIN_ZOOM = 3
MAX_ZOOM = 12
COORD_DECIMALS = 4
"""Four decimals of a degree is about 10 m: plenty for a map centre, short in a URL."""
SHOWN_CHARS = 40
"""How much of a bad value a notice repeats: enough to recognise it, never a wall of text."""
MAX_NOTICES = 6

Params = Mapping[str, Sequence[str]]
"""Query params as parsed from a URL: every key with all of its values, in order."""


@dataclass(frozen=True)
class MapView:
    """The map's centre and zoom."""

    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class Choices:
    """What a URL may name, from the data set: anything else is ignored with a notice."""

    years: tuple[int, int]
    statuses: tuple[str, ...]
    modes: tuple[str, ...]
    corridors: tuple[str, ...]
    segments: frozenset[str]
    home: MapView
    passages: tuple[tuple[str, str], ...] = ()
    """(passage id, seed) of every quoted passage: what the source reader may open."""
    seeds: frozenset[str] = frozenset()
    """The seed documents the source reader may show."""


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link restores."""

    year: int
    statuses: tuple[str, ...]
    modes: tuple[str, ...]
    corridors: tuple[str, ...]
    segment: str | None
    view: MapView
    reader: str | None = None
    """The seed the source reader shows instead of the map, if any."""
    passage: str | None = None
    """The passage the reader scrolls to."""


@dataclass(frozen=True)
class OwnParams:
    """The params this module owns, read from a URL, with notices for what was ignored."""

    segment: str | None
    view: MapView
    notices: tuple[str, ...]
    reader: str | None = None
    passage: str | None = None


def default_state(choices: Choices) -> ViewState:
    """The view without params: the latest year, everything shown, nothing selected."""
    return ViewState(
        year=choices.years[1],
        statuses=choices.statuses,
        modes=choices.modes,
        corridors=choices.corridors,
        segment=None,
        view=choices.home,
    )


def show(values: Sequence[str]) -> str:
    """A URL value as a notice repeats it: quoted, cut short, never more than one line."""
    text = ", ".join(values)
    text = " ".join(text.split())
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return f"“{text}”"


def read_own(params: Params, choices: Choices) -> OwnParams:
    """Read segment, centre and zoom; a bad part falls back to its default alone."""
    notices: list[str] = []
    segment = _read_segment(params.get(SEGMENT), choices, notices)
    lat, lon = _read_centre(params.get(LAT), params.get(LON), choices.home, notices)
    zoom = _read_zoom(params.get(ZOOM), choices.home.zoom, notices)
    reader, passage = _read_reader(params.get(READER), params.get(PASSAGE), choices, notices)
    for key in params:
        if key not in BOUND and key not in OWN and key not in STREAMLIT_OWN:
            notices.append(f"Ignored the unknown parameter {show([key])}.")
    return OwnParams(segment, MapView(lat, lon, zoom), tuple(notices), reader, passage)


def _read_reader(
    readers: Sequence[str] | None,
    passages: Sequence[str] | None,
    choices: Choices,
    notices: list[str],
) -> tuple[str | None, str | None]:
    """The reader's seed and passage; a known passage names its seed, so it wins a clash."""
    seed, passage = _one(readers, READER, notices) or None, _one(passages, PASSAGE, notices) or None
    seed_of = dict(choices.passages)
    if passage is not None and passage not in seed_of:
        notices.append(f"Ignored passage={show([passage])}: no quoted passage has that id.")
        passage = None
    if passage is not None:
        if seed is not None and seed != seed_of[passage]:
            notices.append(f"Ignored reader={show([seed])}: that passage is in another source.")
        return seed_of[passage], passage
    if seed is not None and seed not in choices.seeds:
        notices.append(f"Ignored reader={show([seed])}: no source document has that name.")
        seed = None
    return seed, None


def passage_anchor(passage: str) -> str:
    """The anchor of the reader's heading above a passage: a link's #fragment scrolls there."""
    return f"passage-{passage}"


def context_href(seed: str, passage: str) -> str:
    """A relative link to the reader scrolled to a passage."""
    return f"?{urlencode([(READER, seed), (PASSAGE, passage)])}#{passage_anchor(passage)}"


def _one(values: Sequence[str] | None, key: str, notices: list[str]) -> str | None:
    """The single value of a param; a repeated param is ambiguous and ignored."""
    if values is None:
        return None
    if len(values) != 1:
        notices.append(f"Ignored {key}={show(values)}: give it once.")
        return None
    return values[0].strip()


def _read_segment(values: Sequence[str] | None, choices: Choices, notices: list[str]) -> str | None:
    value = _one(values, SEGMENT, notices)
    if value is None or value == "":
        return None
    if value not in choices.segments:
        notices.append(f"Ignored segment={show([value])}: no segment has that id.")
        return None
    return value


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _read_centre(
    lat_values: Sequence[str] | None,
    lon_values: Sequence[str] | None,
    home: MapView,
    notices: list[str],
) -> tuple[float, float]:
    """Centre as a pair: half a centre is no centre, so both fall back together."""
    if lat_values is None and lon_values is None:
        return home.lat, home.lon
    lat = _number(_one(lat_values, LAT, notices))
    lon = _number(_one(lon_values, LON, notices))
    if lat is None or lon is None or not -85 <= lat <= 85 or not -180 <= lon <= 180:
        shown = show([*(lat_values or ["(none)"]), *(lon_values or ["(none)"])])
        notices.append(
            f"Ignored lat/lon {shown}: expected a latitude from -85 to 85 "
            "and a longitude from -180 to 180."
        )
        return home.lat, home.lon
    return round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS)


def _read_zoom(values: Sequence[str] | None, home_zoom: int, notices: list[str]) -> int:
    value = _one(values, ZOOM, notices)
    if value is None:
        return home_zoom
    # isascii too: str.isdigit() accepts "²", which int() then rejects.
    if not (value.isascii() and value.isdigit()) or not MIN_ZOOM <= int(value) <= MAX_ZOOM:
        notices.append(
            f"Ignored zoom={show([value])}: expected a whole number from {MIN_ZOOM} to {MAX_ZOOM}."
        )
        return home_zoom
    return int(value)


def review_bound(params: Params, state: ViewState, choices: Choices) -> tuple[str, ...]:
    """Notices for the widget-bound params that Streamlit ignored, found by comparing the URL
    with the values the widgets ended up with: so a notice can never disagree with the page."""
    notices = []
    years = params.get(YEAR)
    if years is not None and not (len(years) == 1 and _number(years[0]) == state.year):
        first, last = choices.years
        notices.append(
            f"Ignored year={show(years)}: expected one year from {first} to {last}; "
            f"showing {state.year}."
        )
    for key, chosen, known in (
        (STATUS, state.statuses, choices.statuses),
        (MODE, state.modes, choices.modes),
        (CORRIDOR, state.corridors, choices.corridors),
    ):
        ignored = [value for value in params.get(key, ()) if value and value not in chosen]
        if ignored:
            notices.append(f"Ignored {key}={show(ignored)}: expected one of {', '.join(known)}.")
    return tuple(notices)


def cap(notices: Sequence[str]) -> tuple[str, ...]:
    """At most a few notices: a hostile URL must not flood the page."""
    if len(notices) <= MAX_NOTICES:
        return tuple(notices)
    hidden = len(notices) - (MAX_NOTICES - 1)
    return (*notices[: MAX_NOTICES - 1], f"… and {hidden} more ignored parameters.")


def encode_state(state: ViewState, choices: Choices) -> list[tuple[str, str]]:
    """The canonical query of a view: defaults left out, lists in the data's order."""
    home = default_state(choices)
    pairs: list[tuple[str, str]] = []
    if state.year != home.year:
        pairs.append((YEAR, str(state.year)))
    for key, chosen, known in (
        (STATUS, state.statuses, choices.statuses),
        (MODE, state.modes, choices.modes),
        (CORRIDOR, state.corridors, choices.corridors),
    ):
        pairs.extend(_encode_selection(key, chosen, known))
    if state.segment is not None:
        pairs.append((SEGMENT, state.segment))
    if state.view != home.view:
        pairs.extend(encode_view(state.view))
    if state.reader is not None:
        pairs.append((READER, state.reader))
    if state.passage is not None:
        pairs.append((PASSAGE, state.passage))
    return pairs


def _encode_selection(
    key: str, chosen: Sequence[str], known: Sequence[str]
) -> list[tuple[str, str]]:
    if set(chosen) == set(known):
        return []
    if not chosen:
        # Streamlit's own spelling of an empty selection, which differs from "all" (no param).
        return [(key, "")]
    return [(key, value) for value in known if value in chosen]


def changes(
    current: Mapping[str, str | None], state: ViewState, choices: Choices
) -> dict[str, str | None]:
    """The writes that bring the URL's own params from `current` to `state`: a value to set,
    or None to delete. Only what differs, since each write is a browser-history entry."""
    wanted = {key: value for key, value in encode_state(state, choices) if key in OWN}
    writes: dict[str, str | None] = {}
    for key in OWN:
        if key in wanted and current.get(key) != wanted[key]:
            writes[key] = wanted[key]
        elif key not in wanted and key in current:
            writes[key] = None
    return writes


def encode_view(view: MapView) -> list[tuple[str, str]]:
    """Centre and zoom as query pairs, rounded to what a map centre needs."""
    return [
        (LAT, f"{view.lat:.{COORD_DECIMALS}f}"),
        (LON, f"{view.lon:.{COORD_DECIMALS}f}"),
        (ZOOM, str(view.zoom)),
    ]


def share_link(base_url: str, state: ViewState, choices: Choices) -> str:
    """The link that reopens a view: the page's address and the canonical query."""
    query = urlencode(encode_state(state, choices))
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{query}" if query else base


def clamp_view(lat: float, lon: float, zoom: float, home: MapView) -> MapView:
    """The map's reported view as URL state: rounded, wrapped into range, never invalid."""
    if not all(math.isfinite(number) for number in (lat, lon, zoom)):
        return home
    lon = (lon + 180) % 360 - 180
    return MapView(
        lat=round(max(-85.0, min(85.0, lat)), COORD_DECIMALS),
        lon=round(lon, COORD_DECIMALS),
        zoom=int(max(MIN_ZOOM, min(MAX_ZOOM, round(zoom)))),
    )


def moved(before: MapView, after: MapView) -> bool:
    """Whether the view changed by more than the map's own rounding: a zoom, or a pan of more
    than two pixels (a freshly drawn map reports a centre a pixel off the one it was given)."""
    if before.zoom != after.zoom:
        return True
    two_pixels = 2 * 360 / (256 * 2.0**after.zoom)
    return abs(before.lat - after.lat) > two_pixels or abs(before.lon - after.lon) > two_pixels
