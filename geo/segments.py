"""Checks of layer files and their segments against each other and the other data files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.geography import land_problem, sea_problem
from geo.inventory import (
    Inventory,
    Known,
    Layer,
    feature_records,
    integer,
    label,
    number,
    records,
    strings,
)
from geo.lines import check_line, length_problem
from geo.problems import FILE_LEVEL, Report, one_of


@dataclass
class SegmentCheck:
    """Where one feature's problems go, and what it is checked against."""

    inv: Inventory
    report: Report
    file: str
    item: str
    passages: Known

    def add(self, field: str, message: str) -> None:
        self.report.add(self.file, self.item, field, message)

    def term(self, field: str, value: Any, vocabulary_set: str, noun: str) -> None:
        terms = self.inv.terms(vocabulary_set)
        if isinstance(value, str) and terms is not None and value not in terms:
            self.add(field, f"unknown {noun} {value!r}; {one_of(terms)}")

    def cite(self, field: str, ident: str) -> None:
        if self.passages.lacks(ident):
            self.add(field, f"unknown passage {ident!r}; no such id in data/passages.json")


def check_layers(inv: Inventory, report: Report) -> None:
    """Every layer and segment check; records each segment's drawn length in the inventory."""
    if not inv.paths.layer_files():
        where = inv.paths.relative(inv.paths.layers)
        report.add(where, FILE_LEVEL, FILE_LEVEL, "no layer files; expected layers/*.geojson")
    seen: dict[str, str] = {}
    passages = inv.passage_ids()
    for layer in inv.layers:
        found = layer.doc.get("features") if isinstance(layer.doc, dict) else None
        if found == []:
            report.add(
                layer.file,
                FILE_LEVEL,
                "features",
                "empty layer: no features; expected at least one segment",
            )
        for index, feature in feature_records(layer.doc):
            props = feature["properties"]
            ident = props.get("id")
            item = label(props, "id", index, prefix="features")
            check = SegmentCheck(inv, report, layer.file, item, passages)
            if isinstance(ident, str):
                _check_unique(check, ident, seen)
            _check_corridor(check, props.get("corridor"), layer)
            _check_terms(check, props)
            _check_passages(check, props)
            _check_geometry(check, ident, feature, props)


def _check_unique(check: SegmentCheck, ident: str, seen: dict[str, str]) -> None:
    if ident in seen:
        check.add(
            "id",
            f"duplicate segment id {ident!r}: also in {seen[ident]}; "
            "expected ids unique across all layers",
        )
    else:
        seen[ident] = check.file


def _check_corridor(check: SegmentCheck, corridor: Any, layer: Layer) -> None:
    if not isinstance(corridor, str) or not isinstance(check.inv.corridors, list):
        return
    known = check.inv.corridor_records()
    record = known.get(corridor)
    if record is None:
        check.add("corridor", f"unknown corridor {corridor!r}; {one_of(known)}")
    elif record.get("layer") != layer.name:
        check.add(
            "corridor",
            f"corridor {corridor!r} has layer {record.get('layer')!r} in data/corridors.json; "
            f"expected the corridor whose layer is {layer.name}",
        )


def _check_terms(check: SegmentCheck, props: dict[str, Any]) -> None:
    check.term("mode", props.get("mode"), "modes", "mode")
    check.term("precision", props.get("precision"), "precisions", "precision")
    previous: int | None = None
    for index, status in records(props.get("statuses")):
        at = f"statuses[{index}]"
        check.term(f"{at}.status", status.get("status"), "statuses", "status")
        check.term(f"{at}.dated_by", status.get("dated_by"), "dated_by", "dated_by")
        year = integer(status.get("year"))
        if year is None:
            continue
        if previous is not None and year < previous:
            check.add(
                f"{at}.year",
                f"statuses are not sorted by year: {previous} comes before "
                f"{year}; expected ascending years",
            )
        previous = year


def _check_passages(check: SegmentCheck, props: dict[str, Any]) -> None:
    own = {p for _, p in strings(props, "passages")}
    for index, ident in strings(props, "passages"):
        check.cite(f"passages[{index}]", ident)
    listed: list[tuple[str, dict[str, Any]]] = [
        (f"statuses[{i}]", status) for i, status in records(props.get("statuses"))
    ]
    stated = props.get("length_km_stated")
    if isinstance(stated, dict):
        listed.append(("length_km_stated", stated))
    for at, record in listed:
        for index, ident in strings(record, "passages"):
            check.cite(f"{at}.passages[{index}]", ident)
            if ident not in own:
                check.add(
                    f"{at}.passages[{index}]",
                    f"passage {ident!r} is not in the segment's own passages; "
                    "expected every status and length passage listed there too",
                )


def _check_geometry(
    check: SegmentCheck, ident: Any, feature: dict[str, Any], props: dict[str, Any]
) -> None:
    found, km = check_line(feature.get("geometry"))
    for field, message in found:
        check.add(field, message)
    if isinstance(ident, str):
        check.inv.segment_km.setdefault(ident, km)
    if km is not None:
        _check_placement(check, feature["geometry"], props)
    stated = props.get("length_km_stated")
    if km is None or not isinstance(stated, dict) or "note" in stated:
        return
    stated_km = number(stated.get("km"))
    problem = length_problem(km, stated_km, "the drawn line") if stated_km else None
    if problem is not None:
        check.add("length_km_stated.km", problem)


def _check_placement(check: SegmentCheck, geometry: dict[str, Any], props: dict[str, Any]) -> None:
    """Sea lanes on water; every other mode inside the countries the segment lists."""
    mode = props.get("mode")
    if mode not in (check.inv.terms("modes") or ()):
        return  # an unknown mode is reported already; where such a line belongs is unknowable
    coords = geometry["coordinates"]
    parts = [coords] if geometry["type"] == "LineString" else coords
    if mode == "sea":
        problem = sea_problem(parts)
    else:
        countries = [code for _, code in strings(props, "countries")]
        problem = land_problem(parts, countries) if countries else None
    if problem is not None:
        check.add("geometry", problem)
