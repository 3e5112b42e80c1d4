"""The source reader's content: a seed's text cut at its quoted passages, and what each backs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from geo.models import Dataset
from geo.panel import Citation, citation_of, cited_passages
from geo.urlstate import passage_anchor


@dataclass(frozen=True)
class Piece:
    """A run of seed text; `passages` are the quoted passages covering all of it (none: plain)."""

    text: str
    passages: tuple[str, ...]


@dataclass(frozen=True)
class Mark:
    """A quoted passage where it starts in the reader: its anchor and what it supports."""

    passage_id: str
    anchor: str
    segments: tuple[str, ...]
    """Segments citing it, in display order; empty when only a corridor record cites it."""
    corridors: tuple[str, ...]
    """Corridors whose own record cites it."""


@dataclass(frozen=True)
class Chunk:
    """The text from one passage start to the next; `marks` are the passages starting here."""

    start: int
    marks: tuple[Mark, ...]
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Reader:
    """One seed as the reader shows it: its citation, what is inferred, and its chunks."""

    seed: str
    citation: Citation
    licence: str | None
    inferred: tuple[tuple[str, str], ...]
    """(field, why) for every inferred metadata field."""
    chunks: tuple[Chunk, ...]
    passage_count: int


def supporters(dataset: Dataset) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Passage id -> (segments citing it in display order, corridors citing it)."""
    segments: dict[str, list[str]] = {}
    for segment in dataset.segments.values():
        for passage_id in cited_passages(segment):
            segments.setdefault(passage_id, []).append(segment.id)
    corridors: dict[str, list[str]] = {}
    for corridor in dataset.corridors.values():
        for passage_id in corridor.passages:
            corridors.setdefault(passage_id, []).append(corridor.id)
    return {p: (tuple(segments.get(p, ())), tuple(corridors.get(p, ()))) for p in dataset.passages}


def build_reader(dataset: Dataset, seeds: Mapping[str, str], seed: str) -> Reader:
    """The reader of `seed`; KeyError when no such seed text is loaded."""
    text = seeds[seed]
    quoted = sorted(
        (p for p in dataset.passages.values() if p.seed == seed and p.end <= len(text)),
        key=lambda p: (p.start, p.end, p.id),
    )
    backing = supporters(dataset)
    starts: dict[int, list[Mark]] = {}
    for p in quoted:
        segments, corridors = backing[p.id]
        starts.setdefault(p.start, []).append(Mark(p.id, passage_anchor(p.id), segments, corridors))
    cuts = sorted({0, len(text), *starts})
    spans = [(p.start, p.end, p.id) for p in quoted]
    chunks = tuple(
        Chunk(lo, tuple(starts.get(lo, ())), _pieces(text, lo, hi, spans))
        for lo, hi in pairwise(cuts)
        if hi > lo
    )
    source = dataset.sources.get(seed)
    return Reader(
        seed=seed,
        citation=citation_of(source, seed),
        licence=source.licence if source else None,
        inferred=tuple(sorted(source.inferred.items())) if source else (),
        chunks=chunks,
        passage_count=len(quoted),
    )


def _pieces(text: str, lo: int, hi: int, spans: list[tuple[int, int, str]]) -> tuple[Piece, ...]:
    """text[lo:hi] cut wherever a passage starts or ends, each run with its covering passages."""
    inside = [s for s in spans if s[0] < hi and s[1] > lo]
    edges = sorted({lo, hi, *(max(lo, s[0]) for s in inside), *(min(hi, s[1]) for s in inside)})
    pieces = []
    for a, b in pairwise(edges):
        covering = tuple(pid for start, end, pid in inside if start <= a and end >= b)
        pieces.append(Piece(text[a:b], covering))
    return tuple(pieces)
