"""Checks of corridors, conflicts and the vocabulary: ids unique, every reference resolves."""

from __future__ import annotations

from typing import Any

from geo.inventory import (
    VOCABULARY_SETS,
    Inventory,
    Known,
    cited_by_corridors,
    cited_by_segments,
    label,
    number,
    records,
    strings,
)
from geo.lines import length_problem
from geo.problems import FILE_LEVEL, Note, Report, one_of

WHERE_DEFINED = {"passage": "data/passages.json", "segment": "any layer"}


def check_vocabulary(inv: Inventory, report: Report) -> None:
    """Ids unique within each set of terms."""
    if not isinstance(inv.vocabulary, dict):
        return
    file = inv.file("vocabulary")
    for name in VOCABULARY_SETS:
        seen: set[str] = set()
        for index, term in records(inv.vocabulary.get(name)):
            ident = term.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                report.add(
                    file,
                    ident,
                    f"{name}[{index}].id",
                    f"duplicate id in {name}; expected each id once",
                )
            seen.add(ident)


def _check_ids(report: Report, file: str, doc: Any) -> None:
    seen: dict[str, int] = {}
    for index, record in records(doc):
        ident = record.get("id")
        if isinstance(ident, str) and ident in seen:
            report.add(
                file, ident, "id", f"duplicate id: also at [{seen[ident]}]; expected each id once"
            )
        elif isinstance(ident, str):
            seen[ident] = index


def _check_refs(note: Note, field: str, record: dict[str, Any], known: Known, noun: str) -> None:
    for index, ident in strings(record, field.rsplit(".", 1)[-1]):
        if known.lacks(ident):
            note(
                f"{field}[{index}]",
                f"unknown {noun} {ident!r}; no such id in {WHERE_DEFINED[noun]}",
            )


def check_corridors(inv: Inventory, report: Report) -> None:
    """Ids unique, layers exist and have one corridor each, passages and segments resolve."""
    if not isinstance(inv.corridors, list):
        return
    file = inv.file("corridors")
    _check_ids(report, file, inv.corridors)
    passages, segments = inv.passage_ids(), inv.segment_ids()
    layer_names = [p.name for p in inv.paths.layer_files()]
    owner: dict[str, str] = {}
    for index, record in records(inv.corridors):
        item = label(record, "id", index)
        note = report.at(file, item)
        layer = record.get("layer")
        if isinstance(layer, str) and layer not in layer_names:
            note("layer", f"no layer file layers/{layer}; {one_of(layer_names)}")
        elif isinstance(layer, str) and layer in owner:
            note(
                "layer",
                f"{layer} is also the layer of corridor {owner[layer]!r}; "
                "expected one corridor per layer",
            )
        elif isinstance(layer, str):
            owner[layer] = item
        _check_refs(note, "passages", record, passages, "passage")
        for i, stated in records(record.get("stated_lengths")):
            at = f"stated_lengths[{i}]"
            _check_refs(note, f"{at}.passages", stated, passages, "passage")
            _check_refs(note, f"{at}.segments", stated, segments, "segment")
            _check_route_length(inv, note, at, stated)
    for path in inv.paths.layer_files():
        if path.name not in owner:
            report.add(
                inv.paths.relative(path),
                FILE_LEVEL,
                FILE_LEVEL,
                f"no corridor in {file} has layer {path.name!r}; expected exactly one",
            )


def _check_route_length(inv: Inventory, note: Note, at: str, stated: dict[str, Any]) -> None:
    km = number(stated.get("km"))
    parts = [inv.segment_km.get(s) for _, s in strings(stated, "segments")]
    if "note" in stated or not km or not parts or None in parts:
        return
    drawn = sum(p for p in parts if p is not None)
    message = length_problem(drawn, km, f"the drawn sum of its {len(parts)} segments")
    if message:
        note(f"{at}.km", message)


def check_conflicts(inv: Inventory, report: Report) -> None:
    """Ids unique, kinds known, segments and passages resolve and are cited where shown."""
    if not isinstance(inv.conflicts, list):
        return
    file = inv.file("conflicts")
    _check_ids(report, file, inv.conflicts)
    passages, segments = inv.passage_ids(), inv.segment_ids()
    kinds = inv.terms("conflict_kinds")
    shown_with = _shown_with_each_segment(inv)
    for index, record in records(inv.conflicts):
        note = report.at(file, label(record, "id", index))
        kind = record.get("kind")
        if isinstance(kind, str) and kinds is not None and kind not in kinds:
            note("kind", f"unknown conflict kind {kind!r}; {one_of(kinds)}")
        _check_refs(note, "segments", record, segments, "segment")
        _check_refs(note, "passages", record, passages, "passage")
        ids = [ident for _, ident in strings(record, "segments")]
        if shown_with is None or any(ident not in shown_with for ident in ids):
            continue  # an unreadable file or an unknown segment: what is shown is unknowable
        shown = set().union(*(shown_with[ident] for ident in ids))
        for i, ident in strings(record, "passages"):
            if ident not in shown and not passages.lacks(ident):
                note(
                    f"passages[{i}]",
                    f"passage {ident!r} is not cited by the conflict's segments or their "
                    "corridors; expected it cited where the conflict is shown",
                )


def _shown_with_each_segment(inv: Inventory) -> dict[str, set[str]] | None:
    """For each segment id, the passages it or its corridor cites; None if unknowable."""
    if not (inv.layers_complete and isinstance(inv.corridors, list)):
        return None
    by_corridor = cited_by_corridors(inv)
    shown = cited_by_segments(inv)
    for ident, (_, props) in inv.segments().items():
        corridor = props.get("corridor")
        if isinstance(corridor, str):
            shown[ident] |= by_corridor.get(corridor, set())
    return shown
