"""Checks that status years and editor's notes claim nothing their passages do not state."""

from __future__ import annotations

import re
from typing import Any

from geo.inventory import Inventory, features, label, records, strings
from geo.problems import Report

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
SEED_REFERENCE = re.compile(r"\bseeds? \d{3}\b", re.IGNORECASE)
"""'seed 002' names a document, it is not a fact: it is left out of the number check."""


def check_dating(inv: Inventory, report: Report) -> None:
    """Each status year is the one its dated_by rule gives; each note's numbers are quoted."""
    passages = {r["id"]: r for _, r in records(inv.passages) if isinstance(r.get("id"), str)}
    years = _publication_years(inv)
    for layer in inv.layers:
        for index, props in features(layer.doc):
            item = label(props, "id", index, prefix="features")
            for at, entry in records(props.get("statuses")):
                quoted = [passages[p] for _, p in strings(entry, "passages") if p in passages]
                if not quoted:
                    continue  # dangling ids are reported by the segment checks
                note = report.at(layer.file, item)
                problem = _year_problem(entry, quoted, years)
                if problem:
                    note(f"statuses[{at}].year", problem)
                problem = _note_problem(entry, quoted)
                if problem:
                    note(f"statuses[{at}].note", problem)


def _publication_years(inv: Inventory) -> dict[str, int] | None:
    """Each seed's publication year; None when sources.json could not be read."""
    if not isinstance(inv.sources, list):
        return None
    found = {}
    for _, source in records(inv.sources):
        published = source.get("published")
        seed = source.get("seed")
        if isinstance(seed, str) and isinstance(published, str) and published[:4].isdigit():
            found[seed] = int(published[:4])
    return found


def _year_problem(
    entry: dict[str, Any], quoted: list[dict[str, Any]], years: dict[str, int] | None
) -> str | None:
    year, rule = entry.get("year"), entry.get("dated_by")
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    if years is None and rule in ("publication", "relative"):
        return None  # the unreadable sources.json is reported; its dates prove nothing
    texts = [str(p.get("text", "")) for p in quoted]
    if rule in ("event", "citation") and not any(str(year) in text for text in texts):
        return (
            f"{year} appears in none of the entry's passages; expected dated_by {rule!r} to "
            "take the year a passage states"
        )
    known = years or {}
    seeds = [p.get("seed") for p in quoted]
    published = sorted({known[s] for s in seeds if isinstance(s, str) and s in known})
    return _source_year_problem(year, rule, published)


def _source_year_problem(year: int, rule: Any, published: list[int]) -> str | None:
    """Years taken from the source's date: its own, or (relative) it or the year before."""
    if rule in ("publication", "relative") and not published:
        return (
            f"the passages' sources have no publication date; expected dated_by {rule!r} only "
            "where the source is dated"
        )
    if rule == "publication" and year not in published:
        return (
            f"{year} is not the publication year of the passages' sources ({_listed(published)}); "
            "expected dated_by 'publication' to take the source's year"
        )
    relative = {y - 1 for y in published} | set(published)
    if rule == "relative" and year not in relative:
        return (
            f"{year} is neither the publication year of the passages' sources nor the year "
            f"before ({_listed(published)}); expected a relative date resolved against it"
        )
    return None


def _note_problem(entry: dict[str, Any], quoted: list[dict[str, Any]]) -> str | None:
    note = entry.get("note")
    if not isinstance(note, str):
        return None
    quoted_text = " ".join(str(p.get("text", "")) for p in quoted)
    quoted_numbers = {_plain(n) for n in NUMBER.findall(quoted_text)}
    unquoted = [
        n for n in NUMBER.findall(SEED_REFERENCE.sub("", note)) if _plain(n) not in quoted_numbers
    ]
    if unquoted:
        return (
            f"the note states {', '.join(unquoted)}, which none of the entry's passages does; "
            "expected an editor's note to repeat only what its passages say"
        )
    return None


def _plain(number: str) -> str:
    """'7,200' and '7200' are the same figure."""
    return number.replace(",", "")


def _listed(years: list[int]) -> str:
    return ", ".join(map(str, years)) or "unknown"
