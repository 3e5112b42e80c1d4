"""The timeline chart: every dated status of the shown segments as a Vega-Lite spec (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo.models import Dataset
from geo.style import status_look

PICK = "pick"
"""The chart's point selection: picking a point selects its segment and sets its year."""
ROW_PX = 22


def timeline_rows(
    dataset: Dataset, ids: Sequence[str], labels: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One row per dated status of each segment, in the order given; `labels` maps each
    status id to its label, in the vocabulary's order."""
    rows = []
    for order, segment_id in enumerate(ids):
        segment = dataset.segments[segment_id]
        for entry in segment.statuses:
            rows.append(
                {
                    "segment": segment.id,
                    "name": segment.name,
                    "order": order,
                    "year": entry.year,
                    "status": labels.get(entry.status, entry.status),
                    "dated_by": entry.dated_by,
                }
            )
    return rows


def timeline_spec(
    dataset: Dataset, ids: Sequence[str], labels: Mapping[str, str], years: tuple[int, int]
) -> dict[str, Any]:
    """Years across, segments down (in display order), a point per dated status coloured as
    on the map; the data travels in the spec, so Vega renders text, never HTML."""
    # Every status in the vocabulary's order, so a colour means the same in every view.
    domain = list(labels.values())
    colours = [status_look(status).colour for status in labels]
    rows = timeline_rows(dataset, ids, labels)
    return {
        "data": {"values": rows},
        "height": max(ROW_PX * 3, ROW_PX * len(ids)),
        "params": [{"name": PICK, "select": {"type": "point", "fields": ["segment", "year"]}}],
        "mark": {"type": "point", "filled": True, "size": 120},
        "encoding": {
            "x": {
                "field": "year",
                "type": "quantitative",
                "scale": {"domain": list(years)},
                "axis": {"format": "d", "tickMinStep": 1, "title": "Year of the status"},
            },
            "y": {
                "field": "name",
                "type": "nominal",
                "sort": {"field": "order"},
                "axis": {"title": None, "labelLimit": 260},
            },
            "color": {
                "field": "status",
                "type": "nominal",
                "scale": {"domain": domain, "range": colours},
                "legend": {"orient": "bottom", "title": "Status"},
            },
            "tooltip": [
                {"field": "name", "title": "Segment"},
                {"field": "year", "title": "Year"},
                {"field": "status", "title": "Status"},
                {"field": "dated_by", "title": "Dated by"},
            ],
        },
    }


def picked(selection: Mapping[str, Any]) -> tuple[str, int] | None:
    """The (segment, year) of the point a chart selection holds, or None."""
    points = selection.get(PICK) if isinstance(selection, Mapping) else None
    if not isinstance(points, list) or not points or not isinstance(points[0], Mapping):
        return None
    segment, year = points[0].get("segment"), points[0].get("year")
    if not isinstance(segment, str) or not isinstance(year, int | float):
        return None
    return segment, int(year)
