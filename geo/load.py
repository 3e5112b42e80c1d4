"""Reads seeds, layers, passages, sources and corridors from disk into typed records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo.models import (
    Conflict,
    Corridor,
    Dataset,
    Passage,
    RouteLength,
    Segment,
    Source,
    StatedLength,
    StatusEntry,
    Term,
    Vocabulary,
)
from geo.paths import DEFAULT_PATHS, DataPaths


class DataFileError(Exception):
    """A data file that cannot be read or parsed; the message names the file."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; a hand-edited file must not lose one silently.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def read_json(path: Path, shown_as: str | None = None) -> Any:
    """Parse a JSON file strictly (UTF-8, no duplicate keys, no NaN)."""
    name = shown_as or str(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataFileError(name, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return json.loads(
            raw, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise DataFileError(
            name, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except ValueError as exc:
        raise DataFileError(name, f"invalid JSON: {exc}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_seed(path: Path) -> str:
    """A seed's text exactly as its bytes decode: no newline translation, so offsets hold."""
    return path.read_bytes().decode("utf-8")


def build_passage(raw: dict[str, Any]) -> Passage:
    return Passage(
        id=raw["id"],
        seed=raw["seed"],
        start=raw["start"],
        end=raw["end"],
        text=raw["text"],
        speaker=raw.get("speaker"),
    )


def build_segment(props: dict[str, Any], geometry: dict[str, Any]) -> Segment:
    stated = props.get("length_km_stated")
    return Segment(
        id=props["id"],
        corridor=props["corridor"],
        name=props["name"],
        aliases=tuple(props["aliases"]),
        mode=props["mode"],
        countries=tuple(props["countries"]),
        statuses=tuple(
            StatusEntry(
                year=s["year"],
                status=s["status"],
                dated_by=s["dated_by"],
                passages=tuple(s["passages"]),
                note=s.get("note"),
            )
            for s in props["statuses"]
        ),
        passages=tuple(props["passages"]),
        precision=props["precision"],
        geometry_note=props["geometry_note"],
        length_km_stated=(
            StatedLength(
                km=stated["km"], passages=tuple(stated["passages"]), note=stated.get("note")
            )
            if stated
            else None
        ),
        geometry=geometry,
    )


def build_corridor(raw: dict[str, Any]) -> Corridor:
    return Corridor(
        id=raw["id"],
        name=raw["name"],
        layer=raw["layer"],
        aliases=tuple(raw["aliases"]),
        passages=tuple(raw["passages"]),
        stated_lengths=tuple(
            RouteLength(
                of=r["of"],
                km=r["km"],
                passages=tuple(r["passages"]),
                segments=tuple(r["segments"]),
                note=r.get("note"),
            )
            for r in raw["stated_lengths"]
        ),
    )


def build_source(raw: dict[str, Any]) -> Source:
    return Source(
        seed=raw["seed"],
        sha256=raw["sha256"],
        language=raw["language"],
        title=raw["title"],
        outlet=raw["outlet"],
        author=raw["author"],
        published=raw["published"],
        url=raw["url"],
        licence=raw["licence"],
        inferred=dict(raw["inferred"]),
    )


def build_conflict(raw: dict[str, Any]) -> Conflict:
    return Conflict(
        id=raw["id"],
        kind=raw["kind"],
        topic=raw["topic"],
        segments=tuple(raw["segments"]),
        passages=tuple(raw["passages"]),
        note=raw["note"],
    )


def build_vocabulary(raw: dict[str, Any]) -> Vocabulary:
    def terms(name: str) -> tuple[Term, ...]:
        return tuple(Term(t["id"], t["label"], t["definition"]) for t in raw[name])

    return Vocabulary(
        statuses=terms("statuses"),
        modes=terms("modes"),
        precisions=terms("precisions"),
        dated_by=terms("dated_by"),
        conflict_kinds=terms("conflict_kinds"),
    )


def read_layer_segments(path: Path, shown_as: str) -> list[Segment]:
    """The segments of one layer file, in file order."""
    doc = read_json(path, shown_as)
    return [build_segment(f["properties"], f["geometry"]) for f in doc["features"]]


def load_dataset(paths: DataPaths = DEFAULT_PATHS) -> Dataset:
    """Read every data file into records; assumes the data set has been validated."""
    segments: dict[str, Segment] = {}
    for path in paths.layer_files():
        for segment in read_layer_segments(path, paths.relative(path)):
            segments[segment.id] = segment

    def records(path: Path) -> list[dict[str, Any]]:
        doc: list[dict[str, Any]] = read_json(path, paths.relative(path))
        return doc

    return Dataset(
        segments=segments,
        corridors={c.id: c for c in map(build_corridor, records(paths.corridors))},
        passages={p.id: p for p in map(build_passage, records(paths.passages))},
        sources={s.seed: s for s in map(build_source, records(paths.sources))},
        conflicts={c.id: c for c in map(build_conflict, records(paths.conflicts))},
        vocabulary=build_vocabulary(read_json(paths.vocabulary, paths.relative(paths.vocabulary))),
    )
