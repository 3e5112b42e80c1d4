"""One filter set's view: shown ids, mask, counts and table agree with each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.atlas import Atlas, load_atlas
from geo.mapdata import read_mask
from geo.paths import DataPaths
from geo.timeline import Filters, show_segments
from geo.visible import find_visible


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    mini = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
    return load_atlas(DataPaths(mini))


def filters_of(atlas: Atlas, year: int, statuses: set[str] | None = None) -> Filters:
    choices = atlas.choices
    return Filters(
        year,
        frozenset(statuses or choices.statuses),
        frozenset(choices.modes),
        frozenset(choices.corridors),
    )


@pytest.mark.parametrize(
    ("year", "statuses"),
    [(2016, None), (2020, None), (2024, None), (2024, {"disputed"}), (2024, {"agreed"})],
)
def test_every_part_of_a_view_holds_the_same_segments(
    atlas: Atlas, year: int, statuses: set[str] | None
) -> None:
    filters = filters_of(atlas, year, statuses)
    visible = find_visible(atlas, filters)
    expected = [item.segment.id for item in show_segments(atlas.dataset, filters)]
    assert list(visible.ids) == expected
    assert sorted(read_mask(visible.mask, atlas.map_data.order)) == sorted(expected)
    assert visible.members == frozenset(expected)
    assert visible.table["id"] == expected
    assert sum(visible.counts.values()) == len(expected)


def test_the_listing_checksum_changes_with_the_rows(atlas: Atlas) -> None:
    early = find_visible(atlas, filters_of(atlas, 2016))
    late = find_visible(atlas, filters_of(atlas, 2024))
    assert early.ids != late.ids
    assert early.listing != late.listing
    assert find_visible(atlas, filters_of(atlas, 2016)).listing == early.listing
