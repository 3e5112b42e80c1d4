"""Summary rows of the placeholder page, on the mini fixture."""

from __future__ import annotations

from pathlib import Path

from geo.load import load_dataset
from geo.paths import DataPaths
from geo.summary import label_of, summarize


def test_one_row_per_segment_with_its_latest_status_and_first_mention(mini_root: Path) -> None:
    dataset = load_dataset(DataPaths(mini_root))
    rows = {row["id"]: row for row in summarize(dataset)}
    assert sorted(rows) == sorted(dataset.segments)
    meghri = rows["meghri-section"]
    assert meghri["first mentioned"] == 2020
    assert meghri["latest status"] == "Disputed (2024)"
    assert meghri["passages"] == len(dataset.segments["meghri-section"].passages)


def test_rows_are_ordered_by_corridor_then_first_mention(mini_root: Path) -> None:
    rows = summarize(load_dataset(DataPaths(mini_root)))
    keys = [(row["corridor"], row["first mentioned"]) for row in rows]
    corridors = [key[0] for key in keys]
    assert corridors == sorted(corridors, key=corridors.index)  # grouped
    for corridor in set(corridors):
        years = [year for name, year in keys if name == corridor]
        assert years == sorted(years)


def test_unknown_status_label_falls_back_to_its_id(mini_root: Path) -> None:
    dataset = load_dataset(DataPaths(mini_root))
    assert label_of(dataset, "under-construction") == "Under construction"
    assert label_of(dataset, "no-such-status") == "no-such-status"
