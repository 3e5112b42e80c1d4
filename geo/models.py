"""Typed records of the data model: segments, statuses, passages, sources (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Passage:
    """A verbatim slice of a seed: ``seed_text[start:end] == text``."""

    id: str
    seed: str
    start: int
    end: int
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class StatusEntry:
    """A segment's status from ``year`` on, as dated passages state it."""

    year: int
    status: str
    dated_by: str
    passages: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class StatedLength:
    """A length a source states, with the passages that state it."""

    km: float
    passages: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Segment:
    """One clickable leg of a corridor; ``geometry`` is GeoJSON in [lon, lat]."""

    id: str
    corridor: str
    name: str
    aliases: tuple[str, ...]
    mode: str
    countries: tuple[str, ...]
    statuses: tuple[StatusEntry, ...]
    passages: tuple[str, ...]
    precision: str
    geometry_note: str
    length_km_stated: StatedLength | None
    geometry: dict[str, Any] = field(compare=False, repr=False)

    @property
    def first_year(self) -> int:
        """The year of the first dated mention: before it, no source knows the segment."""
        return self.statuses[0].year


@dataclass(frozen=True)
class RouteLength:
    """A length stated for a route made of several segments."""

    of: str
    km: float
    passages: tuple[str, ...]
    segments: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True)
class Corridor:
    """A corridor: one layer file, and what the sources say of it as a whole."""

    id: str
    name: str
    layer: str
    aliases: tuple[str, ...]
    passages: tuple[str, ...]
    stated_lengths: tuple[RouteLength, ...]


@dataclass(frozen=True)
class Source:
    """What a seed document is; ``inferred`` maps a field to why it was inferred."""

    seed: str
    sha256: str
    language: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    licence: str | None
    inferred: dict[str, str] = field(compare=False)

    @property
    def year(self) -> int | None:
        return int(self.published[:4]) if self.published else None


@dataclass(frozen=True)
class Conflict:
    """Passages that disagree, are ambiguous, or differ from the drawn geography."""

    id: str
    kind: str
    topic: str
    segments: tuple[str, ...]
    passages: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Term:
    """A defined term of the vocabulary (a status, mode, precision, ...)."""

    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class Vocabulary:
    """The closed sets of terms, in display order."""

    statuses: tuple[Term, ...]
    modes: tuple[Term, ...]
    precisions: tuple[Term, ...]
    dated_by: tuple[Term, ...]
    conflict_kinds: tuple[Term, ...]


@dataclass(frozen=True)
class Dataset:
    """Everything the app draws, keyed by id."""

    segments: dict[str, Segment]
    corridors: dict[str, Corridor]
    passages: dict[str, Passage]
    sources: dict[str, Source]
    conflicts: dict[str, Conflict]
    vocabulary: Vocabulary
