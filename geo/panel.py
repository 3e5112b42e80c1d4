"""What the sidebar shows for a clicked segment: facts, quotes, citations, conflicts (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from geo.lines import geodesic_km
from geo.models import Dataset, Passage, Segment, Source, StatusEntry, Term
from geo.timeline import status_as_of

CITED_FIELDS = ("author", "title", "outlet", "published", "url", "licence")
"""Source fields in citation order; also the order of `Citation.inferred`."""

ELLIPSIS = "…"

_UNSAFE_URL = re.compile(r"[\s\x00-\x1f\x7f\"'`<>()\[\]{}\\]")
_WORD_START = re.compile(r"\A\S*")
_WORD_END = re.compile(r"\S*\Z")


@dataclass(frozen=True)
class Citation:
    """Who said it where; `url` only when it is a plain http(s) address."""

    seed: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    inferred: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    """A verbatim passage with its source and the seed text around it."""

    passage_id: str
    text: str
    speaker: str | None
    citation: Citation
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    """One dated status of the segment, with labels resolved."""

    year: int
    status: str
    status_label: str
    dated_by: str
    dated_by_label: str
    note: str | None
    passages: tuple[str, ...]


@dataclass(frozen=True)
class ConflictView:
    """A conflict naming the segment, with its passages quoted."""

    id: str
    kind: str
    kind_label: str
    topic: str
    note: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class SegmentPanel:
    """Everything the sidebar shows for one segment as of `year`."""

    id: str
    name: str
    aliases: tuple[str, ...]
    corridor: str
    corridor_name: str
    mode: str
    mode_label: str
    country_codes: tuple[str, ...]
    countries: tuple[str, ...]
    year: int
    status_now: HistoryRow | None
    history: tuple[HistoryRow, ...]
    stated_km: float | None
    stated_passages: tuple[str, ...]
    stated_note: str | None
    measured_km: float
    precision: str
    precision_label: str
    precision_definition: str
    geometry_note: str
    quotes: tuple[Quote, ...]
    conflicts: tuple[ConflictView, ...]
    corridor_quotes: tuple[Quote, ...]


def build_panel(
    dataset: Dataset,
    seeds: Mapping[str, str],
    segment_id: str,
    year: int,
    country_names: Mapping[str, str],
    *,
    context_chars: int = 320,
) -> SegmentPanel:
    """The panel of `segment_id` as of `year`; KeyError for an unknown id."""
    segment = dataset.segments[segment_id]
    corridor = dataset.corridors.get(segment.corridor)
    quote = _Quoter(dataset, seeds, context_chars)
    own = quote(cited_passages(segment))
    cited = {q.passage_id for q in own}
    precision = _term(dataset.vocabulary.precisions, segment.precision)
    stated = segment.length_km_stated
    entry = status_as_of(segment, year)
    return SegmentPanel(
        id=segment.id,
        name=segment.name,
        aliases=segment.aliases,
        corridor=segment.corridor,
        corridor_name=corridor.name if corridor else segment.corridor,
        mode=segment.mode,
        mode_label=_term(dataset.vocabulary.modes, segment.mode).label,
        country_codes=segment.countries,
        countries=tuple(country_names.get(code, code) for code in segment.countries),
        year=year,
        status_now=_history_row(dataset, entry) if entry else None,
        history=tuple(_history_row(dataset, e) for e in segment.statuses),
        stated_km=stated.km if stated else None,
        stated_passages=stated.passages if stated else (),
        stated_note=stated.note if stated else None,
        measured_km=measured(geodesic_km(segment.geometry)),
        precision=segment.precision,
        precision_label=precision.label,
        precision_definition=precision.definition,
        geometry_note=segment.geometry_note,
        quotes=own,
        conflicts=_conflicts(dataset, segment, quote),
        corridor_quotes=quote(p for p in (corridor.passages if corridor else ()) if p not in cited),
    )


def cited_passages(segment: Segment) -> tuple[str, ...]:
    """Every passage id the segment cites: its list, its statuses, its stated length."""
    ids = list(segment.passages)
    for entry in segment.statuses:
        ids.extend(entry.passages)
    if segment.length_km_stated:
        ids.extend(segment.length_km_stated.passages)
    return tuple(dict.fromkeys(ids))


def measured(km: float) -> float:
    """A drawn length as precise as the drawing: whole km from 100 km up, else 0.1 km."""
    return float(round(km)) if km >= 100 else round(km, 1)


def _term(terms: tuple[Term, ...], ident: str) -> Term:
    # An id missing from the vocabulary is shown as itself rather than breaking the panel.
    return next((t for t in terms if t.id == ident), Term(ident, ident, ""))


def _history_row(dataset: Dataset, entry: StatusEntry) -> HistoryRow:
    vocab = dataset.vocabulary
    status, dated_by = _term(vocab.statuses, entry.status), _term(vocab.dated_by, entry.dated_by)
    return HistoryRow(
        entry.year, status.id, status.label, dated_by.id, dated_by.label, entry.note, entry.passages
    )


@dataclass(frozen=True)
class _Quoter:
    """Turns passage ids into quotes with `radius` characters of context."""

    dataset: Dataset
    seeds: Mapping[str, str]
    radius: int

    def __call__(self, ids: Iterable[str]) -> tuple[Quote, ...]:
        """The known passages among `ids`, once each, in reading order: by seed, then offset."""
        found = {i: self.dataset.passages[i] for i in ids if i in self.dataset.passages}
        ordered = sorted(found.values(), key=lambda p: (p.seed, p.start, p.end, p.id))
        return tuple(map(self.quote, ordered))

    def quote(self, p: Passage) -> Quote:
        seed_text = self.seeds.get(p.seed)
        # A seed missing from `seeds` costs the quote its context, not its place.
        around = context_around(seed_text, p.start, p.end, self.radius) if seed_text else ("", "")
        cited = citation_of(self.dataset.sources.get(p.seed), p.seed)
        return Quote(p.id, p.text, p.speaker, cited, p.start, p.end, *around)


def _conflicts(dataset: Dataset, segment: Segment, quote: _Quoter) -> tuple[ConflictView, ...]:
    kinds = dataset.vocabulary.conflict_kinds
    return tuple(
        ConflictView(
            id=c.id,
            kind=c.kind,
            kind_label=_term(kinds, c.kind).label,
            topic=c.topic,
            note=c.note,
            quotes=quote(c.passages),
        )
        for c in dataset.conflicts.values()
        if segment.id in c.segments
    )


def citation_of(source: Source | None, seed: str) -> Citation:
    """The citation of a seed; every field unknown when the seed has no source record."""
    if source is None:
        return Citation(seed, None, None, None, None, None, ())
    return Citation(
        seed=seed,
        title=_known(source.title),
        outlet=_known(source.outlet),
        author=_known(source.author),
        published=_known(source.published),
        url=safe_url(source.url),
        inferred=tuple(f for f in CITED_FIELDS if f in source.inferred),
    )


def _known(value: str | None) -> str | None:
    # A blank field is as unknown as a null one.
    return (value.strip() or None) if value else None


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address that cannot break out of a markdown link."""
    if not url or _UNSAFE_URL.search(url):
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def cite(citation: Citation) -> str:
    """A plain-text citation line; unknown fields left out, inferred ones marked.

    The fields come from the data: pass the line through `geo.markdown.escape_markdown` to
    show it.
    """

    def shown(field: str, value: str) -> str:
        return f"{value} (inferred)" if field in citation.inferred else value

    title = f'"{citation.title}"' if citation.title else "untitled document"
    parts = [
        shown("author", citation.author) if citation.author else None,
        shown("title", title) if citation.title else title,
        shown("outlet", citation.outlet) if citation.outlet else None,
        shown("published", citation.published) if citation.published else "undated",
        shown("url", citation.url) if citation.url else None,
    ]
    return ", ".join(p for p in parts if p) + f" (seed {citation.seed})"


def context_around(text: str, start: int, end: int, radius: int) -> tuple[str, str]:
    """Up to `radius` characters of `text` each side of [start:end], cut between words.

    A side that does not reach the end of `text` is trimmed to whole words and marked with
    an ellipsis at the cut; whitespace next to the passage is kept so the three read on.
    """
    lo, hi = max(0, start - radius), min(len(text), end + radius)
    before, after = text[lo:start], text[end:hi]
    if lo > 0:
        # A window that starts inside a word drops that word: the panel shows whole words.
        kept = before if text[lo - 1].isspace() else _WORD_START.sub("", before)
        before = ELLIPSIS + kept.lstrip()
    if hi < len(text):
        kept = after if text[hi].isspace() else _WORD_END.sub("", after)
        after = kept.rstrip() + ELLIPSIS
    return before, after


def country_names(basemap_geojson: Mapping[str, Any]) -> dict[str, str]:
    """ISO alpha-2 code -> country name from the basemap's features.

    A code several features share with different names (GB: Akrotiri, Dhekelia) names
    none of them, so it is left out and shown as the code.
    """
    names: dict[str, set[str]] = {}
    for feature in basemap_geojson.get("features", []):
        props = feature.get("properties") or {}
        code, name = props.get("iso_a2"), props.get("name")
        if isinstance(code, str) and len(code) == 2 and isinstance(name, str):
            names.setdefault(code, set()).add(name)
    return {code: found.pop() for code, found in sorted(names.items()) if len(found) == 1}
