"""Status as of a year, and which segments a view shows (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geo.models import Dataset, Segment, StatusEntry


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the map to: a year and the statuses, modes and corridors shown."""

    year: int
    statuses: frozenset[str]
    modes: frozenset[str]
    corridors: frozenset[str]


@dataclass(frozen=True)
class Shown:
    """A visible segment with the status entry that holds in the chosen year."""

    segment: Segment
    entry: StatusEntry

    @property
    def status(self) -> str:
        return self.entry.status


def status_as_of(segment: Segment, year: int) -> StatusEntry | None:
    """The latest dated status at or before ``year``; None before any source mentions it."""
    current = None
    for entry in segment.statuses:
        if entry.year > year:
            break
        current = entry
    return current


def year_span(dataset: Dataset) -> tuple[int, int]:
    """The first and last years any status is dated to: the year slider's range."""
    years = [entry.year for segment in dataset.segments.values() for entry in segment.statuses]
    return min(years), max(years)


def ordered_segments(dataset: Dataset) -> list[Segment]:
    """Every segment in display order: corridor as the data lists them, then first mention."""
    corridor_rank = {corridor: rank for rank, corridor in enumerate(dataset.corridors)}
    return sorted(
        dataset.segments.values(),
        key=lambda s: (corridor_rank.get(s.corridor, len(corridor_rank)), s.first_year, s.id),
    )


def show_segments(
    dataset: Dataset, filters: Filters, ordered: Sequence[Segment] | None = None
) -> list[Shown]:
    """The segments a view shows, in display order, each with its status as of the year.

    ``ordered`` is ``ordered_segments(dataset)`` if the caller has it already (sorting 10,000
    segments on every call costs more than filtering them).
    """
    shown = []
    for segment in ordered if ordered is not None else ordered_segments(dataset):
        entry = status_as_of(segment, filters.year)
        if entry is None or entry.status not in filters.statuses:
            continue
        if segment.mode in filters.modes and segment.corridor in filters.corridors:
            shown.append(Shown(segment, entry))
    return shown


def count_by_status(shown: Sequence[Shown], statuses: tuple[str, ...]) -> dict[str, int]:
    """How many shown segments have each status, for the legend (zero counts kept)."""
    counts = dict.fromkeys(statuses, 0)
    for item in shown:
        counts[item.status] = counts.get(item.status, 0) + 1
    return counts
