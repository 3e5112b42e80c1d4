"""The map's segment file and per-view state: what the browser draws, in compact form (pure).

The segments' geometry and looks do not change while a server runs, so they go into one JSON
file that the browser fetches once and caches (``publish`` writes it under static/). Each
rerun then sends only a small view state: the year, which segments are shown (a bit mask over
the file's order) and the selection. Python decides everything: which segments show and each
one's status in every year; the browser script only looks values up.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import LineString

from geo.mapview import Labels, latlon
from geo.models import Dataset, Segment
from geo.style import HALO, casing_style, line_style, mode_hint, mode_look
from geo.timeline import status_as_of, year_span

FORMAT = 1
"""Bumped when the file's layout changes; the browser script checks it."""
DECIMALS = 4
"""About 11 m: under half a pixel at the map's deepest zoom (12)."""
SIMPLIFY_DEGREES = 0.0002
"""About 20 m, under a pixel at zoom 12: drops vertices no zoom level can show."""
NO_STATUS = "."
"""The status code of a segment no source mentions yet in that year."""
GENERATED = "generated"
"""The folder under static/ that holds published files; a cache, safe to delete."""


@dataclass(frozen=True)
class MapData:
    """The serialised segment file and the drawing order its masks refer to."""

    order: tuple[str, ...]
    payload: bytes
    digest: str

    @property
    def file_name(self) -> str:
        """Named by content, so a browser may cache it for good and a data edit gets a new one."""
        return f"{GENERATED}/segments-{self.digest}.json"


def extent(segment: Segment) -> float:
    """The diagonal of a segment's bounding box in degrees: a cheap measure of its size."""
    minx, miny, maxx, maxy = _shape(segment.geometry).bounds
    return math.hypot(maxx - minx, maxy - miny)


def _lines(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def _shape(geometry: dict[str, Any]) -> LineString:
    points = [tuple(position[:2]) for line in _lines(geometry) for position in line]
    return LineString(points)


def drawn_line(line: Sequence[Sequence[float]]) -> list[float]:
    """A GeoJSON line simplified and rounded for display, flattened as [lat, lon, lat, ...]."""
    simplified = LineString([tuple(position[:2]) for position in line]).simplify(
        SIMPLIFY_DEGREES, preserve_topology=False
    )
    flat: list[float] = []
    for position in simplified.coords:
        flat.extend(round(value, DECIMALS) for value in latlon(position))
    return flat


def status_code(index: int) -> str:
    return chr(ord("a") + index)


def year_codes(
    segments: Sequence[Segment], statuses: Sequence[str], years: range
) -> tuple[list[str], list[str]]:
    """Per year, one character per segment: its status then, and since when it holds."""
    rank = {status: index for index, status in enumerate(statuses)}
    status_rows, since_rows = [], []
    for year in years:
        status_row, since_row = [], []
        for segment in segments:
            entry = status_as_of(segment, year)
            status_row.append(NO_STATUS if entry is None else status_code(rank[entry.status]))
            since_row.append("." if entry is None else chr(ord("0") + entry.year - years.start))
        status_rows.append("".join(status_row))
        since_rows.append("".join(since_row))
    return status_rows, since_rows


def _looks(dataset: Dataset, labels: Labels) -> dict[str, Any]:
    """Labels and styles by position, as the file's codes refer to them."""
    statuses = [
        {
            "id": term.id,
            "label": term.label,
            "definition": term.definition,
            "style": line_style(term.id, "rail"),
        }
        for term in dataset.vocabulary.statuses
    ]
    modes = [
        {
            "id": term.id,
            "label": term.label,
            "weight": mode_look(term.id).weight,
            "casing": casing_style(term.id),
            "hint": mode_hint(term.id),
        }
        for term in dataset.vocabulary.modes
    ]
    corridors = [{"id": key, "label": label} for key, label in labels.corridors.items()]
    return {"statuses": statuses, "modes": modes, "corridors": corridors, "halo": HALO}


def build_map_data(dataset: Dataset, labels: Labels) -> MapData:
    """The segment file for a data set: largest segments first, so small ones lie on top
    and win a click where they overlap a long neighbour."""
    segments = sorted(dataset.segments.values(), key=lambda s: (-extent(s), s.id))
    first, last = year_span(dataset)
    years = range(first, last + 1)
    looks = _looks(dataset, labels)
    mode_rank = {term["id"]: index for index, term in enumerate(looks["modes"])}
    corridor_rank = {term["id"]: index for index, term in enumerate(looks["corridors"])}
    status_rows, since_rows = year_codes(
        segments, [term["id"] for term in looks["statuses"]], years
    )
    document = {
        "format": FORMAT,
        "first_year": first,
        **looks,
        "segments": [
            {
                "id": segment.id,
                "name": segment.name,
                "mode": mode_rank[segment.mode],
                "corridor": corridor_rank[segment.corridor],
                "lines": [drawn_line(line) for line in _lines(segment.geometry)],
            }
            for segment in segments
        ],
        "status": status_rows,
        "since": since_rows,
    }
    payload = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    digest = hashlib.sha256(payload).hexdigest()[:16]
    return MapData(tuple(segment.id for segment in segments), payload, digest)


def shown_mask(order: Sequence[str], shown: Iterable[str]) -> str:
    """The shown segments as a bit mask over the file's order (bit i of byte i // 8), base64."""
    wanted = set(shown)
    bits = bytearray((len(order) + 7) // 8)
    for index, segment_id in enumerate(order):
        if segment_id in wanted:
            bits[index // 8] |= 1 << (index % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


def read_mask(mask: str, order: Sequence[str]) -> list[str]:
    """The ids a mask shows, in the file's order: the inverse of ``shown_mask``."""
    bits = base64.b64decode(mask)
    return [
        segment_id for index, segment_id in enumerate(order) if bits[index // 8] >> (index % 8) & 1
    ]


def view_state(
    data: MapData, year: int, mask: str, selected: str | None, counts: Sequence[int] = ()
) -> dict[str, Any]:
    """What one rerun tells the browser, given the shown mask: about 1.4 KB at 10,000
    segments, a few dozen bytes for the shipped data. ``counts`` are the shown segments per
    status, in the file's status order, for the map's legend."""
    return {
        "data": data.digest,
        "year": year,
        "shown": mask,
        "selected": selected,
        "counts": list(counts),
    }


def publish(data: MapData, static_dir: Path) -> bool:
    """Write the segment file under static_dir unless it is there already; False if the
    folder is not writable (the caller then embeds the data in the page instead)."""
    target = static_dir / data.file_name
    if target.exists():
        return True
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a browser (or another server on the same folder) never reads a
        # half-written file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.payload)
        Path(temporary).replace(target)
    except OSError:
        return False
    return True
