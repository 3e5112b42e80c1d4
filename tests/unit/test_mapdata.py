"""The segment file and view states: Python decides every code the browser looks up."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from geo.load import load_dataset
from geo.mapdata import (
    NO_STATUS,
    build_map_data,
    drawn_line,
    extent,
    publish,
    read_mask,
    shown_mask,
    view_state,
)
from geo.mapview import Labels
from geo.models import Dataset
from geo.paths import DataPaths
from geo.timeline import status_as_of, year_span


@pytest.fixture
def mini(mini_root: Path) -> Dataset:
    return load_dataset(DataPaths(mini_root))


def document_of(dataset: Dataset) -> dict[str, object]:
    data = build_map_data(dataset, Labels.of(dataset))
    parsed: dict[str, object] = json.loads(data.payload)
    return parsed


def test_segments_are_drawn_largest_first_so_small_ones_lie_on_top(mini: Dataset) -> None:
    data = build_map_data(mini, Labels.of(mini))
    sizes = [extent(mini.segments[segment_id]) for segment_id in data.order]
    assert sizes == sorted(sizes, reverse=True)
    assert sorted(data.order) == sorted(mini.segments)


def test_each_year_code_is_the_status_as_of_that_year(mini: Dataset) -> None:
    data = build_map_data(mini, Labels.of(mini))
    document = json.loads(data.payload)
    statuses = [term["id"] for term in document["statuses"]]
    first, last = year_span(mini)
    assert document["first_year"] == first
    assert len(document["status"]) == last - first + 1
    for row, year in enumerate(range(first, last + 1)):
        for index, segment_id in enumerate(data.order):
            entry = status_as_of(mini.segments[segment_id], year)
            code = document["status"][row][index]
            since = document["since"][row][index]
            if entry is None:
                assert (code, since) == (NO_STATUS, ".")
            else:
                assert statuses[ord(code) - ord("a")] == entry.status
                assert first + ord(since) - ord("0") == entry.year


def test_lines_are_lat_lon_rounded_and_keep_their_ends(mini: Dataset) -> None:
    data = build_map_data(mini, Labels.of(mini))
    document = json.loads(data.payload)
    for segment_id, drawn in zip(data.order, document["segments"], strict=True):
        (line,) = drawn["lines"]
        source = mini.segments[segment_id].geometry["coordinates"]
        assert line[:2] == [round(source[0][1], 4), round(source[0][0], 4)]
        assert line[-2:] == [round(source[-1][1], 4), round(source[-1][0], 4)]
        assert all(round(value, 4) == value for value in line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ([[40.0, 38.0], [40.5, 38.0], [41.0, 38.0]], [[38.0, 40.0], [38.0, 41.0]]),
        ([[40.0, 38.0], [40.5, 38.5], [41.0, 38.0]], [[38.0, 40.0], [38.5, 40.5], [38.0, 41.0]]),
        ([[40.0, 38.0], [40.00001, 38.00001], [41.0, 38.0]], [[38.0, 40.0], [38.0, 41.0]]),
    ],
)
def test_drawn_lines_drop_only_invisible_vertices(
    line: list[list[float]], kept: list[list[float]]
) -> None:
    flat = drawn_line(line)
    assert [flat[i : i + 2] for i in range(0, len(flat), 2)] == kept


def test_names_stay_literal_text_in_the_file(mini: Dataset) -> None:
    hostile = '<img src=x onerror="alert(1)">'
    segment = replace(mini.segments["rasht-astara"], name=hostile)
    changed = replace(mini, segments={**mini.segments, "rasht-astara": segment})
    document = document_of(changed)
    names = [drawn["name"] for drawn in document["segments"]]  # type: ignore[attr-defined]
    # The browser script writes names with textContent; the file keeps them exactly.
    assert hostile in names


def test_the_file_name_changes_with_the_content(mini: Dataset) -> None:
    first = build_map_data(mini, Labels.of(mini))
    segment = replace(mini.segments["rasht-astara"], name="Renamed")
    changed = replace(mini, segments={**mini.segments, "rasht-astara": segment})
    second = build_map_data(changed, Labels.of(changed))
    assert first.file_name != second.file_name
    assert first.file_name == build_map_data(mini, Labels.of(mini)).file_name


@pytest.mark.parametrize(
    ("order", "shown"),
    [
        ((), []),
        (("a",), ["a"]),
        (("a", "b", "c"), ["b"]),
        (tuple("abcdefghij"), ["a", "h", "i", "j"]),
        (tuple(f"s{i}" for i in range(17)), [f"s{i}" for i in range(0, 17, 3)]),
    ],
)
def test_a_mask_reads_back_as_the_shown_ids(order: tuple[str, ...], shown: list[str]) -> None:
    assert read_mask(shown_mask(order, shown), order) == shown


def test_a_mask_ignores_ids_outside_the_file() -> None:
    assert read_mask(shown_mask(("a", "b"), ["b", "zzz"]), ("a", "b")) == ["b"]


def test_a_view_state_stays_small_at_ten_thousand_segments(mini: Dataset) -> None:
    data = build_map_data(mini, Labels.of(mini))
    many = replace(data, order=tuple(f"segment-{i:05d}" for i in range(10_000)))
    mask = shown_mask(many.order, many.order[::2])
    state = view_state(many, 2024, mask, "segment-00002", [5_000, 0, 0, 0, 0, 0, 0, 0])
    assert len(json.dumps(state)) < 2_000
    assert read_mask(state["shown"], many.order) == list(many.order[::2])
    assert state["selected"] == "segment-00002"
    assert state["data"] == data.digest
    assert state["counts"] == [5_000, 0, 0, 0, 0, 0, 0, 0]


def test_publish_writes_once_and_reports_an_unwritable_folder(
    mini: Dataset, tmp_path: Path
) -> None:
    data = build_map_data(mini, Labels.of(mini))
    assert publish(data, tmp_path)
    written = tmp_path / data.file_name
    assert written.read_bytes() == data.payload
    assert publish(data, tmp_path)
    assert [path.name for path in written.parent.iterdir()] == [written.name]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    assert not publish(data, blocker)
