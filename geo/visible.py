"""What one set of filters shows, computed once and shared by every rerun that asks (pure)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from geo.atlas import Atlas
from geo.mapdata import shown_mask
from geo.table import table_columns
from geo.timeline import Filters, Shown, count_by_status, show_segments


@dataclass(frozen=True)
class Visible:
    """The shown segments and everything the page derives from them."""

    shown: tuple[Shown, ...]
    ids: tuple[str, ...]
    """In display order, as the table lists them."""
    mask: str
    """The shown set as the map's view state carries it (geo.mapdata.shown_mask)."""
    members: frozenset[str]
    listing: int
    """A checksum of ``ids``: the table re-mounts when it changes."""
    counts: dict[str, int]
    table: dict[str, list[object]]


def find_visible(atlas: Atlas, filters: Filters) -> Visible:
    """Filter once; at 10,000 segments this is most of a rerun's work, so callers cache it."""
    shown = tuple(show_segments(atlas.dataset, filters, atlas.ordered))
    ids = tuple(item.segment.id for item in shown)
    return Visible(
        shown=shown,
        ids=ids,
        mask=shown_mask(atlas.map_data.order, ids),
        members=frozenset(ids),
        listing=zlib.crc32("\n".join(ids).encode()),
        counts=count_by_status(shown, atlas.choices.statuses),
        table=table_columns(shown, atlas.labels),
    )
