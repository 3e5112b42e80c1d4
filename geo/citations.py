"""Checks of passages and sources: every quote is a verbatim slice of a known, recorded seed."""

from __future__ import annotations

from typing import Any

from geo.inventory import (
    Inventory,
    cited_by_corridors,
    cited_by_segments,
    integer,
    label,
    records,
    strings,
)
from geo.problems import Note, Report, one_of
from geo.seeds import Seed, slice_problem

METADATA = ("title", "outlet", "author", "published", "url", "licence")
"""Source fields that must be backed by evidence or explained as inferred when set."""


def check_passages(inv: Inventory, report: Report) -> None:
    """Ids unique, seeds known and recorded, slices verbatim, speakers named, none orphaned."""
    file = inv.file("passages")
    recorded = {r["seed"] for _, r in records(inv.sources) if isinstance(r.get("seed"), str)}
    cited = _all_cited(inv)
    seen: dict[str, int] = {}
    for index, record in records(inv.passages):
        note = report.at(file, label(record, "id", index))
        ident = record.get("id")
        if isinstance(ident, str):
            if ident in seen:
                note("id", f"duplicate passage id: also at [{seen[ident]}]; expected each id once")
            seen.setdefault(ident, index)
            if cited is not None and ident not in cited:
                note(
                    "id",
                    "not cited by any segment, corridor or conflict; "
                    "expected every passage to be cited (or removed)",
                )
        seed = _seed_of(inv, note, record.get("seed"))
        if seed is not None and isinstance(inv.sources, list) and seed.name not in recorded:
            note("seed", f"{seed.shown_as} has no record in {inv.file('sources')}; expected one")
        if seed is not None:
            _check_slice(note, "", seed, record)
        _check_speaker(note, record)


def _all_cited(inv: Inventory) -> set[str] | None:
    """Every passage id something cites; None when a citing file could not be read."""
    readable = isinstance(inv.corridors, list) and isinstance(inv.conflicts, list)
    if not (readable and inv.layers_complete):
        return None
    cited: set[str] = set()
    for ids in [*cited_by_segments(inv).values(), *cited_by_corridors(inv).values()]:
        cited.update(ids)
    for _, conflict in records(inv.conflicts):
        cited.update(p for _, p in strings(conflict, "passages"))
    return cited


def _seed_of(inv: Inventory, note: Note, name: Any) -> Seed | None:
    if not isinstance(name, str):
        return None
    seed = inv.seeds.get(name)
    if seed is None:
        note("seed", f"no seed file seeds/{name}; {one_of(inv.seeds)}")
    return seed


def _check_slice(note: Note, prefix: str, seed: Seed, record: dict[str, Any]) -> None:
    start, end, text = integer(record.get("start")), integer(record.get("end")), record.get("text")
    if start is None or end is None or not isinstance(text, str):
        return
    found = slice_problem(seed, start, end, text)
    if found:
        note(prefix + found[0], found[1])


def _check_speaker(note: Note, record: dict[str, Any]) -> None:
    speaker, text = record.get("speaker"), record.get("text")
    if isinstance(speaker, str) and isinstance(text, str) and speaker not in text:
        note(
            "speaker",
            f"speaker {speaker!r} does not occur in the text; "
            "expected the name as the passage gives it",
        )


WORDED = ("title", "author", "outlet")
"""Fields whose value is the seed's own words; dates and licences are normalised instead."""


def check_sources(inv: Inventory, report: Report) -> None:
    """One record per seed, hashes match, evidence verbatim, every set field accounted for."""
    if not isinstance(inv.sources, list):
        return
    file = inv.file("sources")
    seen: set[str] = set()
    for index, record in records(inv.sources):
        note = report.at(file, label(record, "seed", index))
        name = record.get("seed")
        if isinstance(name, str) and name in seen:
            note("seed", f"a second record for seeds/{name}; expected exactly one per seed")
        seed = _seed_of(inv, note, name)
        if isinstance(name, str):
            seen.add(name)
        if seed is not None:
            _check_seed(note, seed, record)
        _check_metadata(note, record)
    for name, seed in inv.seeds.items():
        if name not in seen:
            report.add(
                file,
                name,
                "seed",
                f"{seed.shown_as} has no record; expected exactly one record per seed",
            )


def _check_seed(note: Note, seed: Seed, record: dict[str, Any]) -> None:
    sha = record.get("sha256")
    if isinstance(sha, str) and sha != seed.sha256:
        note(
            "sha256",
            f"{sha[:12]}… does not match {seed.shown_as}, which hashes to "
            f"{seed.sha256}; expected the hash of the seed's bytes (was the seed edited?)",
        )
    evidence = record.get("evidence")
    if isinstance(evidence, dict):
        for name, where in evidence.items():
            if isinstance(where, dict):
                _check_slice(note, f"evidence.{name}.", seed, where)


def _check_metadata(note: Note, record: dict[str, Any]) -> None:
    evidence, inferred = record.get("evidence"), record.get("inferred")
    backed = evidence if isinstance(evidence, dict) else {}
    explained = inferred if isinstance(inferred, dict) else {}
    for name in METADATA:
        if name not in record:
            continue
        value = record[name]
        if value is not None and name not in backed and name not in explained:
            note(
                name,
                f"{name} is {value!r} but is neither backed by evidence "
                "nor explained in inferred; expected one of them",
            )
        if value is None and name in backed:
            note(
                f"evidence.{name}",
                f"{name} is null but has evidence; expected the value the evidence states",
            )
        if value is None and name in explained:
            note(
                f"inferred.{name}",
                f"{name} is null but inferred explains it; expected no entry for a null field",
            )
        if value is not None and name in backed and name in explained:
            note(
                f"inferred.{name}",
                f"{name} is both backed by evidence and inferred; expected one or the other",
            )
        _check_wording(note, name, value, backed.get(name))


def _check_wording(note: Note, name: str, value: Any, where: Any) -> None:
    """A name the seed states (title, author, outlet) must be its words, case aside."""
    if name not in WORDED or not isinstance(value, str) or not isinstance(where, dict):
        return
    text = where.get("text")
    if isinstance(text, str) and value.casefold() not in text.casefold():
        note(
            name,
            f"{value!r} is not what its evidence says ({text!r}); expected the seed's own "
            "words, case aside",
        )
