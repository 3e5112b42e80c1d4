"""What one validation run has read: the parsed files and the ids they define."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from geo.paths import DataPaths
from geo.seeds import Seed

VOCABULARY_SETS = ("statuses", "modes", "precisions", "dated_by", "conflict_kinds")


@dataclass
class Known:
    """Ids a file defines, each with where it was first defined.

    `complete` is False when a file that defines them could not be read: then a missing id
    proves nothing, and checks that it exists are skipped rather than reported falsely.
    """

    where: dict[str, str] = field(default_factory=dict)
    complete: bool = True

    def lacks(self, ident: str) -> bool:
        return self.complete and ident not in self.where


@dataclass
class Layer:
    """A parsed layer file."""

    file: str
    name: str
    doc: Any


@dataclass
class Inventory:
    """The parsed documents of a data set; None for a file that could not be read."""

    paths: DataPaths
    seeds: dict[str, Seed]
    layers: list[Layer]
    layers_complete: bool
    passages: Any
    sources: Any
    corridors: Any
    conflicts: Any
    vocabulary: Any
    segment_km: dict[str, float | None] = field(default_factory=dict)

    def file(self, name: str) -> str:
        """How a data file is named in problems, e.g. `data/passages.json`."""
        return self.paths.relative(getattr(self.paths, name))

    def terms(self, name: str) -> list[str] | None:
        """The ids of one vocabulary set, or None when the vocabulary is unreadable."""
        terms = self.vocabulary.get(name) if isinstance(self.vocabulary, dict) else None
        if not isinstance(terms, list):
            return None
        return [t["id"] for _, t in records(terms) if isinstance(t.get("id"), str)]

    def passage_ids(self) -> Known:
        return _known(self.passages, "id", self.file("passages"))

    def corridor_ids(self) -> Known:
        return _known(self.corridors, "id", self.file("corridors"))

    def segments(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Each segment id's first (file, properties), in layer order."""
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for layer in self.layers:
            for _, props in features(layer.doc):
                ident = props.get("id")
                if isinstance(ident, str):
                    found.setdefault(ident, (layer.file, props))
        return found

    def segment_ids(self) -> Known:
        segments = self.segments()
        return Known({k: v[0] for k, v in segments.items()}, self.layers_complete)

    def corridor_records(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for _, record in records(self.corridors):
            if isinstance(record.get("id"), str):
                found.setdefault(record["id"], record)
        return found


def _known(doc: Any, key: str, file: str) -> Known:
    known = Known(complete=isinstance(doc, list))
    for _, record in records(doc):
        if isinstance(record.get(key), str):
            known.where.setdefault(record[key], file)
    return known


def records(doc: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The (index, record) of each object in an array; anything else yields nothing."""
    if isinstance(doc, list):
        for index, record in enumerate(doc):
            if isinstance(record, dict):
                yield index, record


def features(doc: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The (index, properties) of each feature of a layer whose properties are an object."""
    for index, feature in feature_records(doc):
        yield index, feature["properties"]


def feature_records(doc: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """The (index, feature) of each feature of a layer whose properties are an object."""
    found = doc.get("features") if isinstance(doc, dict) else None
    for index, feature in records(found):
        if isinstance(feature.get("properties"), dict):
            yield index, feature


def strings(record: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    """The (index, string) of each string in the array `record[key]`."""
    values = record.get(key)
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, str):
                yield index, value


def label(record: dict[str, Any], key: str, index: int, prefix: str = "") -> str:
    """How a record is named in problems: its id, or its position when it has none."""
    value = record.get(key)
    return value if isinstance(value, str) and value else f"{prefix}[{index}]"


def number(value: Any) -> float | None:
    """A JSON number as a float; None for anything else (booleans included)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def cited_by_segments(inv: Inventory) -> dict[str, set[str]]:
    """Every passage id each segment id cites (over all features that use the id)."""
    cited: dict[str, set[str]] = {}
    for layer in inv.layers:
        for _, props in features(layer.doc):
            if isinstance(props.get("id"), str):
                cited.setdefault(props["id"], set()).update(_segment_citations(props))
    return cited


def _segment_citations(props: dict[str, Any]) -> set[str]:
    """A segment's own passages, its statuses' and its stated length's."""
    ids = {p for _, p in strings(props, "passages")}
    for _, status in records(props.get("statuses")):
        ids.update(p for _, p in strings(status, "passages"))
    stated = props.get("length_km_stated")
    if isinstance(stated, dict):
        ids.update(p for _, p in strings(stated, "passages"))
    return ids


def cited_by_corridors(inv: Inventory) -> dict[str, set[str]]:
    """Every passage id each corridor cites, on its own or for a stated length."""
    cited: dict[str, set[str]] = {}
    for ident, record in inv.corridor_records().items():
        ids = {p for _, p in strings(record, "passages")}
        for _, stated in records(record.get("stated_lengths")):
            ids.update(p for _, p in strings(stated, "passages"))
        cited[ident] = ids
    return cited
