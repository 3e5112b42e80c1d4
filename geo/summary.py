"""The data set as summary rows: one per segment, with its latest status (pure)."""

from __future__ import annotations

from geo.models import Dataset, Segment


def label_of(dataset: Dataset, status: str) -> str:
    """A status id's display label from the vocabulary (the id itself if unknown)."""
    labels = {term.id: term.label for term in dataset.vocabulary.statuses}
    return labels.get(status, status)


def summarize_segment(dataset: Dataset, segment: Segment) -> dict[str, object]:
    latest = segment.statuses[-1]
    corridor = dataset.corridors.get(segment.corridor)
    return {
        "segment": segment.name,
        "corridor": corridor.name if corridor else segment.corridor,
        "mode": segment.mode,
        "countries": ", ".join(segment.countries),
        "first mentioned": segment.first_year,
        "latest status": f"{label_of(dataset, latest.status)} ({latest.year})",
        "passages": len(segment.passages),
        "precision": segment.precision,
        "id": segment.id,
    }


def summarize(dataset: Dataset) -> list[dict[str, object]]:
    """One row per segment, ordered by corridor then by first mention."""
    segments = sorted(dataset.segments.values(), key=lambda s: (s.corridor, s.first_year, s.id))
    return [summarize_segment(dataset, segment) for segment in segments]
