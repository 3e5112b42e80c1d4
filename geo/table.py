"""The segment table under the map: one row per shown segment, in display order (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from geo.mapview import Labels
from geo.timeline import Shown

COLUMNS = ("segment", "corridor", "mode", "status", "since", "precision", "passages")


def table_rows(shown: Sequence[Shown], labels: Labels) -> list[dict[str, object]]:
    """What the table lists: the shown segments with their status as of the chosen year.

    The hidden ``id`` column maps a selected row back to its segment.
    """
    return [
        {
            "segment": item.segment.name,
            "corridor": labels.corridors.get(item.segment.corridor, item.segment.corridor),
            "mode": labels.modes.get(item.segment.mode, item.segment.mode),
            "status": labels.statuses.get(item.status, item.status),
            "since": item.entry.year,
            "precision": item.segment.precision,
            "passages": len(item.segment.passages),
            "id": item.segment.id,
        }
        for item in shown
    ]


def table_columns(shown: Sequence[Shown], labels: Labels) -> dict[str, list[object]]:
    """The same rows by column: what a dataframe is built from fastest."""
    rows = table_rows(shown, labels)
    return {name: [row[name] for row in rows] for name in (*COLUMNS, "id")}
