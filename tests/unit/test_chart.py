"""The timeline chart's spec and what a pick in it means."""

from __future__ import annotations

from typing import Any

import pytest

from geo.chart import PICK, picked, timeline_rows, timeline_spec
from geo.load import load_dataset
from geo.mapview import Labels
from geo.paths import DEFAULT_PATHS
from geo.style import status_look

DATASET = load_dataset(DEFAULT_PATHS)
LABELS = Labels.of(DATASET).statuses
IDS = ["zangezur-horadiz-aghband", "rasht-astara-railway"]


def test_a_row_per_dated_status_of_each_shown_segment_in_order() -> None:
    rows = timeline_rows(DATASET, IDS, LABELS)
    expected = [
        (segment_id, entry.year, LABELS[entry.status])
        for segment_id in IDS
        for entry in DATASET.segments[segment_id].statuses
    ]
    assert [(r["segment"], r["year"], r["status"]) for r in rows] == expected
    assert {r["order"] for r in rows if r["segment"] == IDS[1]} == {1}


def test_statuses_are_coloured_as_on_the_map_and_years_span_the_data() -> None:
    spec = timeline_spec(DATASET, IDS, LABELS, (2016, 2025))
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == list(LABELS.values())
    assert colour["range"] == [status_look(status).colour for status in LABELS]
    assert spec["encoding"]["x"]["scale"]["domain"] == [2016, 2025]
    assert spec["params"][0]["name"] == PICK


def test_no_segment_shown_draws_an_empty_chart() -> None:
    spec = timeline_spec(DATASET, [], LABELS, (2016, 2025))
    assert spec["data"]["values"] == []


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (
            {PICK: [{"segment": "rasht-astara-railway", "year": 2017}]},
            ("rasht-astara-railway", 2017),
        ),
        ({PICK: [{"segment": "x", "year": 2017.0}]}, ("x", 2017)),
        ({PICK: []}, None),
        ({}, None),
        ({PICK: [{"segment": 3, "year": 2017}]}, None),
        ({PICK: [{"segment": "x", "year": "2017"}]}, None),
        ({PICK: "nonsense"}, None),
    ],
)
def test_picked(selection: dict[str, Any], expected: tuple[str, int] | None) -> None:
    assert picked(selection) == expected
