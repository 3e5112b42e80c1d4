"""Seed texts as the validator reads them, and the check of a quoted slice against its seed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from geo.problems import short


@dataclass(frozen=True)
class Seed:
    """A seed file's bytes and, when they are valid UTF-8, its text."""

    name: str
    data: bytes
    text: str | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def shown_as(self) -> str:
        return f"seeds/{self.name}"


def read_seeds(folder: Path) -> dict[str, Seed]:
    """Every `*.txt` in the seeds folder, by file name (text None where not UTF-8)."""
    seeds: dict[str, Seed] = {}
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        data = path.read_bytes()
        try:
            text: str | None = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        seeds[path.name] = Seed(path.name, data, text)
    return seeds


def slice_problem(seed: Seed, start: int, end: int, quoted: str) -> tuple[str, str] | None:
    """(field, message) when `quoted` is not `seed.text[start:end]`; None when it is.

    Offsets are code points into the decoded text. The message says where the quote really
    is, or that it is not in the seed at all, so the fix is obvious.
    """
    text = seed.text
    if text is None:
        return None
    if not 0 <= start < end <= len(text):
        return "start", (
            f"offsets [{start}:{end}] are outside {seed.shown_as}; "
            f"expected 0 <= start < end <= {len(text)}"
        )
    if text[start:end] == quoted:
        return None
    where = f"text does not match {seed.shown_as}[{start}:{end}]"
    found = _nearest(text, quoted, start)
    if found is None:
        return "text", (
            f"{where}, which reads {short(text[start:end], 50)}; the text does not occur "
            f"anywhere in {seed.shown_as}; expected a verbatim slice (check quotes, dashes, "
            "spaces)"
        )
    shift = abs(found - start)
    if seed.data[start:end].decode("utf-8", errors="replace") == quoted:
        hint = "the offsets look like UTF-8 byte offsets; expected code-point offsets"
    else:
        hint = "offsets off by one?" if shift == 1 else f"offsets off by {shift}?"
    return "start", f"{where}; the text occurs at [{found}:{found + len(quoted)}] — {hint}"


def _nearest(text: str, quoted: str, start: int) -> int | None:
    """The occurrence of `quoted` in `text` nearest to `start`, if any."""
    best: int | None = None
    at = text.find(quoted) if quoted else -1
    while at != -1:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(quoted, at + 1)
    return best
