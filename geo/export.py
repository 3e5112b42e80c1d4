"""Downloads of what the map shows: GeoJSON of segments, CSV of their passages, a citation (pure).

Every function returns text for the caller to encode as UTF-8 and offer for download; none
reads or writes a file. The data set is assumed validated (as `geo.load.load_dataset` does):
an unknown segment or passage id raises KeyError rather than quietly leaving a row out of a
file that claims to cite everything.

CSV and spreadsheets: no cell is altered to defuse formulas. A cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is one a spreadsheet may evaluate, and the
usual guard prefixes it with an apostrophe. We do not, because the file's contract is that
``quote == seed[start:end]`` to the code point, which any reader can check, and an
apostrophe prefix breaks that and cannot be undone: a quote may itself begin with an
apostrophe, so a reader cannot tell which one we added. Guarding only the other columns
would make two rules for one file. The shipped data has no such cell, and
tests/unit/test_export.py fails if an edit introduces one, so the choice is revisited
when the data could make it matter. Spreadsheet users should import the file as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from geo.models import Dataset, Passage, Segment, StatusEntry
from geo.panel import citation_of, cite, cited_passages
from geo.timeline import status_as_of

GENERATED_FROM = "Corridor Atlas"
"""The collection-level `generated_from` member, and the citation's publisher."""

PASSAGE_COLUMNS = (
    "segment_id",
    "segment_name",
    "passage_id",
    "seed",
    "author",
    "title",
    "outlet",
    "published",
    "inferred",
    "url",
    "licence",
    "start",
    "end",
    "speaker",
    "quote",
)
"""The CSV header. `inferred` names the citation fields the source record infers rather
than the document stating them (e.g. `published`), space-separated; `start`/`end` are
code-point offsets of `quote` in the seed."""


def export_geojson(dataset: Dataset, segment_ids: Sequence[str], year: int) -> str:
    """An RFC 7946 FeatureCollection of `segment_ids`, in that order, with statuses as of `year`.

    Geometry is exactly as stored ([lon, lat]). The two foreign members at the collection
    level (`year`, `generated_from`) are allowed by RFC 7946 section 6.1; there is no `crs`.
    """
    collection = {
        "type": "FeatureCollection",
        "year": year,
        "generated_from": GENERATED_FROM,
        "features": [_feature(dataset, s, year) for s in _segments_of(dataset, segment_ids)],
    }
    # allow_nan=False: NaN is not JSON, and a reader rejecting the file is worse than failing here.
    return json.dumps(collection, ensure_ascii=False, allow_nan=False) + "\n"


def export_passages_csv(dataset: Dataset, segment_ids: Sequence[str]) -> str:
    """One RFC 4180 row per (segment, passage) it cites, with the passage's full citation.

    Segments in the given order, each one's passages in `geo.panel.cited_passages` order.
    Quotes are verbatim, newlines included (the csv module quotes such cells); see the module
    docstring for why no cell is altered for spreadsheets. Excel reads UTF-8 only with a
    byte-order mark: encode with "utf-8-sig" for it.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=PASSAGE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for segment in _segments_of(dataset, segment_ids):
        for passage_id in cited_passages(segment):
            writer.writerow(_passage_row(dataset, segment, dataset.passages[passage_id]))
    return out.getvalue()


def cite_segment(dataset: Dataset, segment_id: str) -> str:
    """A plain-text citation: a line naming the segment, then one line per distinct source.

    Sources in seed order, each cited as the sidebar cites it (`geo.panel.cite`): unknown
    fields left out, inferred ones marked, the URL only when it is a plain http(s) address.
    """
    segment = dataset.segments[segment_id]
    head = f"{segment.name} ({segment.id}), {GENERATED_FROM}; sources:"
    lines = [
        cite(citation_of(dataset.sources.get(seed), seed)) for seed in _seeds(dataset, segment)
    ]
    return "\n".join([head, *lines]) + "\n"


def _segments_of(dataset: Dataset, ids: Sequence[str]) -> list[Segment]:
    # A repeated id would give two features with one id, which GeoJSON readers keyed by id drop.
    if len(set(ids)) != len(ids):
        raise ValueError(f"segment ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    return [dataset.segments[i] for i in ids]


def _seeds(dataset: Dataset, segment: Segment) -> list[str]:
    """The seeds the segment's passages quote, once each, sorted (seed names are numbered)."""
    return sorted({dataset.passages[p].seed for p in cited_passages(segment)})


def _feature(dataset: Dataset, segment: Segment, year: int) -> dict[str, Any]:
    return {
        "type": "Feature",
        # RFC 7946 section 3.2: a commonly used identifier SHOULD be the Feature's "id".
        "id": segment.id,
        "geometry": segment.geometry,
        "properties": _properties(dataset, segment, year),
    }


def _properties(dataset: Dataset, segment: Segment, year: int) -> dict[str, Any]:
    corridor = dataset.corridors.get(segment.corridor)
    stated = segment.length_km_stated
    entry = status_as_of(segment, year)
    return {
        "id": segment.id,
        "name": segment.name,
        "corridor": {"id": segment.corridor, "name": corridor.name if corridor else None},
        "mode": segment.mode,
        "countries": list(segment.countries),
        "aliases": list(segment.aliases),
        "precision": segment.precision,
        "geometry_note": segment.geometry_note,
        "length_km_stated": (
            {"km": stated.km, "passages": list(stated.passages), "note": stated.note}
            if stated
            else None
        ),
        # Null before the first dated mention: the segment is then not on the map at all.
        "status_as_of": _status_label(dataset, entry) if entry else None,
        "status_year": entry.year if entry else None,
        "dated_by": entry.dated_by if entry else None,
        "statuses": [_status_entry(e) for e in segment.statuses],
        "passages": list(cited_passages(segment)),
        "seeds": _seeds(dataset, segment),
    }


def _status_label(dataset: Dataset, entry: StatusEntry) -> dict[str, str]:
    # An id missing from the vocabulary is labelled as itself, as the sidebar does.
    labels = {term.id: term.label for term in dataset.vocabulary.statuses}
    return {"id": entry.status, "label": labels.get(entry.status, entry.status)}


def _status_entry(entry: StatusEntry) -> dict[str, Any]:
    return {
        "year": entry.year,
        "status": entry.status,
        "dated_by": entry.dated_by,
        "passages": list(entry.passages),
        "note": entry.note,
    }


def _passage_row(dataset: Dataset, segment: Segment, passage: Passage) -> dict[str, object]:
    source = dataset.sources.get(passage.seed)
    citation = citation_of(source, passage.seed)
    return {
        "segment_id": segment.id,
        "segment_name": segment.name,
        "passage_id": passage.id,
        "seed": passage.seed,
        "author": citation.author or "",
        "title": citation.title or "",
        "outlet": citation.outlet or "",
        "published": citation.published or "",
        "inferred": " ".join(citation.inferred),
        "url": citation.url or "",
        "licence": (source.licence or "") if source else "",
        "start": passage.start,
        "end": passage.end,
        "speaker": passage.speaker or "",
        "quote": passage.text,
    }
