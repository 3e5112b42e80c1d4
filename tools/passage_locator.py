"""Finds a passage in a seed by its first and last words and prints the record to store.

Usage: python -m tools.passage_locator SEED "first words" "last words" [--id ID]

Offsets are 0-based, end-exclusive code points into the seed decoded as UTF-8, the same
rule `python -m geo.validate` checks. The first words must occur exactly once in the seed,
so that a maintainer never quotes the wrong occurrence by accident.
"""

from __future__ import annotations

import argparse
import json
import sys

from geo.load import read_seed
from geo.paths import DEFAULT_PATHS


class LocateError(ValueError):
    """The anchors do not pick out exactly one passage."""


def locate(text: str, first: str, last: str) -> tuple[int, int]:
    """The (start, end) of the passage running from `first` to the end of `last`."""
    start = text.find(first)
    if start < 0:
        raise LocateError(f"first words not found: {first!r}")
    if text.find(first, start + 1) >= 0:
        raise LocateError(f"first words occur more than once: {first!r}")
    tail = text.find(last, start)
    if tail < 0:
        raise LocateError(f"last words not found after the first: {last!r}")
    return start, tail + len(last)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", help="file name in seeds/")
    parser.add_argument("first", help="the passage's first words")
    parser.add_argument("last", help="the passage's last words")
    parser.add_argument("--id", default="new-passage", help="the passage id to print")
    args = parser.parse_args(argv)
    text = read_seed(DEFAULT_PATHS.seeds / args.seed)
    try:
        start, end = locate(text, args.first, args.last)
    except LocateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    record = {"id": args.id, "seed": args.seed, "start": start, "end": end, "text": text[start:end]}
    print(json.dumps(record, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
