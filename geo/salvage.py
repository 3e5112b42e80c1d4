"""What a data set with problems can still show: the layers and passages they spare (pure).

A broken layer or passage must not take the whole map down, and must never vanish silently:
`salvage` keeps every record no problem names, leaves out the rest, and says what it left out
and why. Problems anywhere else (vocabulary, sources, corridors, conflicts, seeds) leave
nothing it could show with confidence, so the page then shows only the problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geo.load import (
    DataFileError,
    build_conflict,
    build_corridor,
    build_passage,
    build_segment,
    build_source,
    build_vocabulary,
    read_json,
)
from geo.models import Dataset, Passage, Segment
from geo.panel import cited_passages
from geo.paths import DataPaths
from geo.problems import FILE_LEVEL, Problem


@dataclass(frozen=True)
class Salvage:
    """The part of the data set that can be shown, and a line for each thing left out."""

    dataset: Dataset | None
    """None when the problems are in files the page cannot do without."""
    left_out: tuple[str, ...]


def salvage(paths: DataPaths, problems: Iterable[Problem]) -> Salvage:
    """Every segment and passage that no problem names, if the problems spare the rest."""
    found = list(problems)
    layer_files = {paths.relative(path): path for path in paths.layer_files()}
    passages_file = paths.relative(paths.passages)
    if any(p.file not in layer_files and p.file != passages_file for p in found):
        return Salvage(None, ())
    left_out: list[str] = []
    bad = {p.item for p in found if p.file == passages_file}
    passages = _passages(paths.passages, passages_file, bad, left_out)
    segments: dict[str, Segment] = {}
    for shown, path in layer_files.items():
        named = {p.item for p in found if p.file == shown}
        segments.update(_segments(path, shown, named, left_out))
    for segment in list(segments.values()):
        missing = [p for p in cited_passages(segment) if p not in passages]
        if missing:
            del segments[segment.id]
            left_out.append(
                f"{segment.id} ({segment.name}): not drawn: it cites {', '.join(missing)}, "
                f"which {passages_file} could not give"
            )
    return Salvage(_dataset(paths, segments, passages), tuple(left_out))


def _records(path: Path, shown: str) -> list[Any] | None:
    try:
        doc = read_json(path, shown)
    except DataFileError:
        return None
    return doc if isinstance(doc, list) else None


def _passages(path: Path, shown: str, bad: set[str], left_out: list[str]) -> dict[str, Passage]:
    records = _records(path, shown)
    if records is None or FILE_LEVEL in bad:
        left_out.append(f"{shown}: no passage could be read")
        return {}
    kept: dict[str, Passage] = {}
    for index, record in enumerate(records):
        ident = record.get("id") if isinstance(record, dict) else None
        if ident in bad or f"[{index}]" in bad:
            left_out.append(f"{shown}: passage {ident or f'[{index}]'} left out")
            continue
        try:
            passage = build_passage(record)
        except (KeyError, TypeError, ValueError, AttributeError):
            left_out.append(f"{shown}: passage [{index}] left out: it cannot be read")
            continue
        kept[passage.id] = passage
    return kept


def _segments(path: Path, shown: str, named: set[str], left_out: list[str]) -> dict[str, Segment]:
    try:
        features = read_json(path, shown)["features"]
        if not isinstance(features, list):
            raise TypeError(shown)
    except (DataFileError, KeyError, TypeError):
        left_out.append(f"{shown}: no segment drawn: the file cannot be read")
        return {}
    if FILE_LEVEL in named:
        left_out.append(f"{shown}: no segment drawn: the file as a whole has a problem")
        return {}
    kept: dict[str, Segment] = {}
    for index, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        ident = props.get("id") if isinstance(props, dict) else None
        label = ident if isinstance(ident, str) else f"features[{index}]"
        if label in named:
            left_out.append(f"{shown}: {label}: not drawn: it has a problem")
            continue
        try:
            segment = build_segment(feature["properties"], feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError):
            left_out.append(f"{shown}: {label}: not drawn: it cannot be read")
            continue
        kept[segment.id] = segment
    return kept


def _dataset(
    paths: DataPaths, segments: dict[str, Segment], passages: dict[str, Passage]
) -> Dataset:
    """The spared records with every other (valid) file; references to what was left out are
    dropped from corridor and conflict records, and a conflict with none left goes too."""

    def records(path: Path) -> list[dict[str, Any]]:
        doc: list[dict[str, Any]] = read_json(path, paths.relative(path))
        return doc

    corridors = {c.id: c for c in map(build_corridor, records(paths.corridors))}
    corridors = {
        i: replace(
            c,
            passages=tuple(p for p in c.passages if p in passages),
            stated_lengths=tuple(
                length for length in c.stated_lengths if set(length.passages) <= set(passages)
            ),
        )
        for i, c in corridors.items()
    }
    conflicts = {}
    for conflict in map(build_conflict, records(paths.conflicts)):
        kept = tuple(p for p in conflict.passages if p in passages)
        if len(kept) == len(conflict.passages):
            conflicts[conflict.id] = conflict
    return Dataset(
        segments=segments,
        corridors=corridors,
        passages=passages,
        sources={s.seed: s for s in map(build_source, records(paths.sources))},
        conflicts=conflicts,
        vocabulary=build_vocabulary(read_json(paths.vocabulary, paths.relative(paths.vocabulary))),
    )
