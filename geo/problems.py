"""Problems the validator finds, and the report that collects them all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

FILE_LEVEL = "-"
"""The `item` or `field` of a problem that concerns the whole file (or the whole item)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is and what was expected instead."""

    file: str
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.field}: {self.message}"


Note = Callable[[str, str], None]
"""Reports a (field, message) problem of one item of one file."""


@dataclass
class Report:
    """Every problem of one run, plus how much was checked."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, file: str, item: str, field: str, message: str) -> None:
        self.problems.append(Problem(file, item, field, message))

    def at(self, file: str, item: str) -> Note:
        """A note-taker for the problems of one item."""

        def note(field: str, message: str) -> None:
            self.add(file, item, field, message)

        return note

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def count(self, name: str, number: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + number

    def files(self) -> list[str]:
        """The files that have problems, in the order they were first reported."""
        return list(dict.fromkeys(p.file for p in self.problems))

    def by_file(self) -> list[Problem]:
        """The problems grouped by file (files in order of first problem), else in run order."""
        order = {file: index for index, file in enumerate(self.files())}
        return sorted(self.problems, key=lambda p: order[p.file])

    def summary(self) -> str:
        if self.ok:
            checked = ", ".join(f"{n} {name}" for name, n in self.counts.items())
            return f"OK: {checked} checked"
        n, m = len(self.problems), len(self.files())
        return f"{n} problem{'s' * (n != 1)} in {m} file{'s' * (m != 1)}"


def short(value: object, limit: int = 60) -> str:
    """A value as shown in a message: its repr, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_of(values: Iterable[str]) -> str:
    """'expected one of: a, b, c' for a closed set of ids."""
    return "expected one of: " + ", ".join(values)


def field_path(parts: Iterable[str | int]) -> str:
    """A JSON path as shown in a problem: `statuses[1].year`; `-` when empty."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or FILE_LEVEL
