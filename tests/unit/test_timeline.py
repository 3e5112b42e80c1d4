"""Status as of a year and the filters, on the mini fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.load import load_dataset
from geo.models import Dataset
from geo.paths import DataPaths
from geo.timeline import Filters, count_by_status, show_segments, status_as_of, year_span


@pytest.fixture
def mini(mini_root: Path) -> Dataset:
    return load_dataset(DataPaths(mini_root))


def everything(dataset: Dataset, year: int) -> Filters:
    vocabulary = dataset.vocabulary
    return Filters(
        year=year,
        statuses=frozenset(term.id for term in vocabulary.statuses),
        modes=frozenset(term.id for term in vocabulary.modes),
        corridors=frozenset(dataset.corridors),
    )


@pytest.mark.parametrize(
    ("segment", "year", "status"),
    [
        ("rasht-astara", 2015, None),
        ("rasht-astara", 2016, "proposed"),
        ("rasht-astara", 2022, "proposed"),
        ("rasht-astara", 2023, "financed"),
        ("rasht-astara", 2030, "financed"),
        ("meghri-section", 2019, None),
        ("meghri-section", 2020, "proposed"),
        ("meghri-section", 2024, "disputed"),
    ],
)
def test_status_as_of_is_the_latest_dated_status_at_or_before_the_year(
    mini: Dataset, segment: str, year: int, status: str | None
) -> None:
    entry = status_as_of(mini.segments[segment], year)
    assert (entry.status if entry else None) == status


def test_year_span_covers_every_dated_status(mini: Dataset) -> None:
    assert year_span(mini) == (2016, 2024)


@pytest.mark.parametrize(
    ("year", "shown"),
    [
        (2016, ["rasht-astara"]),
        (2020, ["rasht-astara", "meghri-section"]),
        (2021, ["rasht-astara", "meghri-section", "horadiz-agbend"]),
        (2023, ["rasht-astara", "mumbai-bandar-abbas", "meghri-section", "horadiz-agbend"]),
    ],
)
def test_a_segment_is_hidden_before_its_first_dated_status(
    mini: Dataset, year: int, shown: list[str]
) -> None:
    ids = [item.segment.id for item in show_segments(mini, everything(mini, year))]
    assert sorted(ids) == sorted(shown)


def test_filters_narrow_by_status_mode_and_corridor(mini: Dataset) -> None:
    base = everything(mini, 2024)
    only_disputed = Filters(2024, frozenset({"disputed"}), base.modes, base.corridors)
    assert [i.segment.id for i in show_segments(mini, only_disputed)] == ["meghri-section"]
    only_sea = Filters(2024, base.statuses, frozenset({"sea"}), base.corridors)
    assert [i.segment.id for i in show_segments(mini, only_sea)] == ["mumbai-bandar-abbas"]
    only_zangezur = Filters(2024, base.statuses, base.modes, frozenset({"zangezur"}))
    assert {i.segment.id for i in show_segments(mini, only_zangezur)} == {
        "meghri-section",
        "horadiz-agbend",
    }
    nothing = Filters(2024, frozenset(), base.modes, base.corridors)
    assert show_segments(mini, nothing) == []


def test_shown_segments_carry_the_status_of_the_year(mini: Dataset) -> None:
    shown = {i.segment.id: i.status for i in show_segments(mini, everything(mini, 2020))}
    assert shown == {"rasht-astara": "proposed", "meghri-section": "proposed"}


def test_count_by_status_keeps_zero_counts_in_vocabulary_order(mini: Dataset) -> None:
    statuses = tuple(term.id for term in mini.vocabulary.statuses)
    counts = count_by_status(show_segments(mini, everything(mini, 2024)), statuses)
    assert list(counts) == list(statuses)
    assert {k: v for k, v in counts.items() if v} == {
        "financed": 1,
        "operational": 1,
        "under-construction": 1,
        "disputed": 1,
    }
