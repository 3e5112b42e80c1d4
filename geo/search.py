"""The search box's core: normalised spellings, an index of names and passages, ranking (pure)."""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from geo.models import Dataset, Segment
from geo.panel import cited_passages, context_around
from geo.timeline import ordered_segments

MAX_QUERY_CHARS = 200
"""Longer queries return no hits: nobody types a name that long, and it bounds the work."""
MAX_EDITS = 2
"""Typos tolerated over a whole query (each word gets its own, smaller allowance)."""
MIN_PREFIX = 2
"""A word is completed from this many characters on: one letter begins half the vocabulary."""
SNIPPET_RADIUS = 60
"""Characters of a passage shown each side of the words that matched."""

TIER_BASE = {"exact": 4.0, "prefix": 3.0, "word": 2.0, "fuzzy": 1.0, "passage": 0.0}
"""A hit's score is its tier's base plus under 1 for how much of the field the query covers."""
FIELD_RANK = {"name": 0, "alias": 1, "corridor": 2, "passage": 3}
"""Equal scores: a segment's own name before its aliases before its corridor's names."""

# Runs of letters and digits, combining marks included (an input typed in decomposed form).
_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
# Letters NFKD does not decompose: the dotless i of the aliases Igdir and Naxcivan.
_LETTERS = str.maketrans({"\u0131": "i"})
# Spellings the data itself shows are the same: Incheboroun/Borun, Nordooz/Norduz.
_VOWELS = (("oo", "u"), ("ou", "u"))
# The Persian ezafe of Bandar-e Anzali and Pol-e Sefid, which users often leave out.
_EZAFE = "e"

_Options = dict[str, tuple[int, bool]]


@dataclass(frozen=True)
class Hit:
    """One search result: what it selects, what to show, and why it matched.

    kind: "segment" (its name or an alias matched), "corridor" (the corridor's name or an
    alias matched; selects all its segments) or "passage" (words of a quote matched; selects
    the segments citing it, none for a passage only its corridor cites).
    """

    kind: str
    segment_ids: tuple[str, ...]
    corridor_id: str | None
    passage_id: str | None
    label: str
    matched: str
    field: str
    score: float


@dataclass(frozen=True)
class _Entry:
    """One searchable text: a name, an alias or a passage, as tokens with their spans."""

    target: int
    field: str
    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    length: int


@dataclass(frozen=True)
class _Corpus:
    """Entries with an inverted index: token -> (entry, position), sorted and sized vocabularies."""

    entries: tuple[_Entry, ...]
    postings: Mapping[str, tuple[tuple[int, int], ...]]
    vocabulary: tuple[str, ...]
    by_length: Mapping[int, tuple[tuple[str, int], ...]]
    compact: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True)
class SearchIndex:
    """Everything a query needs, built once per data set by `build_index`."""

    targets: tuple[Hit, ...]
    """What each entry's hit opens; `matched`, `field` and `score` are filled in per query."""
    ranks: tuple[tuple[int, str], ...]
    """Each target's place in display order, then its id: how equal scores are ordered."""
    names: _Corpus
    passages: _Corpus


class _Match(NamedTuple):
    """Where and how well a query matched one entry (a tuple: thousands are made per query)."""

    entry: int
    tier: str
    quality: float
    first: int
    last: int


def normalise(text: str) -> tuple[str, ...]:
    """The words of `text` as search compares them: case, accents, punctuation and the
    spelling variants the data shows folded away."""
    return tuple(token for token, _ in tokenise(text))


def tokenise(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each normalised word of `text` with the span of `text` it came from."""
    for found in _TOKEN.finditer(text):
        for token in _TOKEN.findall(_fold(found.group())):
            if token != _EZAFE:
                yield token, found.span()


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    for spelling, same in _VOWELS:
        folded = folded.replace(spelling, same)
    # Incheh/Inche, Shalamcheh: a final -eh is the same sound as -e.
    return folded[:-1] if len(folded) > 3 and folded.endswith("eh") else folded


def build_index(dataset: Dataset) -> SearchIndex:
    """The index of every segment, corridor and cited passage of `dataset`."""
    ordered = ordered_segments(dataset)
    targets: list[tuple[Hit, int, str]] = []
    names: list[tuple[int, str, str]] = []
    for rank, segment in enumerate(ordered):
        fields = [("name", segment.name), *(("alias", alias) for alias in segment.aliases)]
        names.extend((len(targets), field, text) for field, text in fields)
        hit = Hit("segment", (segment.id,), segment.corridor, None, segment.name, "", "", 0.0)
        targets.append((hit, rank, segment.id))
    for rank, corridor in enumerate(dataset.corridors.values(), start=len(ordered)):
        members = tuple(s.id for s in ordered if s.corridor == corridor.id)
        names.extend((len(targets), "corridor", t) for t in (corridor.name, *corridor.aliases))
        hit = Hit("corridor", members, corridor.id, None, corridor.name, "", "", 0.0)
        targets.append((hit, rank, corridor.id))
    texts = []
    for hit, rank in _passage_targets(dataset, ordered):
        texts.append((len(targets), "passage", dataset.passages[str(hit.passage_id)].text))
        targets.append((hit, rank, str(hit.passage_id)))
    return SearchIndex(
        targets=tuple(hit for hit, _, _ in targets),
        ranks=tuple((rank, key) for _, rank, key in targets),
        names=_build_corpus(names),
        passages=_build_corpus(texts),
    )


def _passage_targets(dataset: Dataset, ordered: list[Segment]) -> Iterator[tuple[Hit, int]]:
    # A passage selects the segments citing it; one only a corridor cites selects none but
    # names that corridor (the panel shows it under each of the corridor's segments).
    citing: dict[str, list[tuple[int, Segment]]] = {}
    for rank, segment in enumerate(ordered):
        for passage_id in cited_passages(segment):
            citing.setdefault(passage_id, []).append((rank, segment))
    by_corridor: dict[str, tuple[int, str, str]] = {}
    for rank, corridor in enumerate(dataset.corridors.values(), start=len(ordered)):
        for passage_id in corridor.passages:
            by_corridor.setdefault(passage_id, (rank, corridor.id, corridor.name))
    for passage_id in dataset.passages:
        segments = citing.get(passage_id, [])
        if segments:
            rank, corridor_id, label = segments[0][0], segments[0][1].corridor, segments[0][1].name
        elif passage_id in by_corridor:
            rank, corridor_id, label = by_corridor[passage_id]
        else:
            continue  # cited by nothing the map shows: nowhere to take the user
        ids = tuple(s.id for _, s in segments)
        yield Hit("passage", ids, corridor_id, passage_id, label, "", "", 0.0), rank


def _build_corpus(texts: Iterable[tuple[int, str, str]]) -> _Corpus:
    entries: list[_Entry] = []
    postings: dict[str, list[tuple[int, int]]] = {}
    compact: dict[str, list[int]] = {}
    for target, field, text in texts:
        pairs = list(tokenise(text))
        tokens = tuple(token for token, _ in pairs)
        index = len(entries)
        entries.append(
            _Entry(target, field, text, tokens, tuple(s for _, s in pairs), sum(map(len, tokens)))
        )
        for position, token in enumerate(tokens):
            postings.setdefault(token, []).append((index, position))
        compact.setdefault("".join(tokens), []).append(index)
    vocabulary = tuple(sorted(postings))
    by_length: dict[int, list[tuple[str, int]]] = {}
    for token in vocabulary:
        if allowed_edits(token):
            by_length.setdefault(len(token), []).append((token, _letters(token)))
    return _Corpus(
        entries=tuple(entries),
        postings={t: tuple(p) for t, p in postings.items()},
        vocabulary=vocabulary,
        by_length={n: tuple(v) for n, v in by_length.items()},
        compact={c: tuple(e) for c, e in compact.items()},
    )


def search(index: SearchIndex, query: str, limit: int = 10) -> tuple[Hit, ...]:
    """The best `limit` hits for `query`, best first; no hits for an empty or overlong query.

    The query is only ever compared as words, never compiled: HTML or regex characters in it
    are punctuation like any other.
    """
    if limit <= 0 or len(query) > MAX_QUERY_CHARS:
        return ()
    words = normalise(query)
    if not words:
        return ()
    best: dict[int, tuple[tuple[float, int, int, str], _Corpus, _Match]] = {}
    for corpus in (index.names, index.passages):
        names = corpus is index.names
        for match in _find(corpus, words, fuzzy=names):
            entry = corpus.entries[match.entry]
            score = round(TIER_BASE[match.tier if names else "passage"] + 0.9 * match.quality, 6)
            order = (-score, FIELD_RANK[entry.field], *index.ranks[entry.target])
            found = best.get(entry.target)
            if found is None or order < found[0]:
                best[entry.target] = (order, corpus, match)
    # Hits are built for the winners only: a one-letter query matches thousands of entries.
    top = heapq.nsmallest(limit, best.values(), key=lambda item: item[0])
    return tuple(_hit(index, corpus.entries[m.entry], m, -order[0]) for order, corpus, m in top)


def _hit(index: SearchIndex, entry: _Entry, match: _Match, score: float) -> Hit:
    matched = _snippet(entry, match) if entry.field == "passage" else entry.text
    return replace(index.targets[entry.target], matched=matched, field=entry.field, score=score)


def _snippet(entry: _Entry, match: _Match) -> str:
    start, end = entry.spans[match.first][0], entry.spans[match.last][1]
    before, after = context_around(entry.text, start, end, SNIPPET_RADIUS)
    # Passages keep their seed's line breaks; a one-line snippet reads better in a list.
    return " ".join((before + entry.text[start:end] + after).split())


def _find(corpus: _Corpus, words: tuple[str, ...], fuzzy: bool) -> Iterator[_Match]:
    for entry in corpus.compact.get("".join(words), ()):
        yield _Match(entry, "exact", 1.0, 0, len(corpus.entries[entry].tokens) - 1)
    options = [_options(corpus, w, i == len(words) - 1, fuzzy) for i, w in enumerate(words)]
    # Walk the postings of the rarest word only ("Synthetic segment 4711": those of 4711).
    counts = [sum(len(corpus.postings[t]) for t in option) for option in options]
    pivot = counts.index(min(counts))
    for token in options[pivot]:
        for entry, position in corpus.postings[token]:
            start = position - pivot
            match = start >= 0 and _match_at(corpus.entries[entry], entry, start, words, options)
            if match:
                yield match


def _options(corpus: _Corpus, word: str, last: bool, fuzzy: bool) -> _Options:
    """Vocabulary tokens a query word may stand for: token -> (edits, matched as a prefix)."""
    found: _Options = {}
    if fuzzy:
        found.update((token, (edits, False)) for token, edits in _near(corpus, word))
    if last and len(word) >= MIN_PREFIX:
        # Only the last word may be unfinished: the user is still typing it.
        start = bisect_left(corpus.vocabulary, word)
        for token in corpus.vocabulary[start:]:
            if not token.startswith(word):
                break
            found[token] = (0, True)
    if word in corpus.postings:
        found[word] = (0, False)
    return found


def _near(corpus: _Corpus, word: str) -> Iterator[tuple[str, int]]:
    bound = allowed_edits(word)
    letters = _letters(word)
    for size in range(len(word) - bound, len(word) + bound + 1):
        for token, mask in corpus.by_length.get(size, ()):
            # Each edit changes the set of letters by at most two: a cheap lower bound.
            if (mask ^ letters).bit_count() <= 2 * bound:
                edits = edit_distance(word, token, bound)
                if 0 < edits <= bound:
                    yield token, edits


def _match_at(
    entry: _Entry, index: int, position: int, words: tuple[str, ...], options: list[_Options]
) -> _Match | None:
    """How the query matches `entry` starting at token `position`, or None."""
    last = position + len(words) - 1
    if last >= len(entry.tokens):
        return None
    edits, prefix, covered = 0, False, 0
    for offset, word in enumerate(words):
        token = entry.tokens[position + offset]
        option = options[offset].get(token)
        if option is None:
            return None
        edits, prefix = edits + option[0], prefix or option[1]
        covered += len(word) if option[1] else len(token) - option[0]
    if edits > MAX_EDITS:
        return None
    whole = position == 0 and last == len(entry.tokens) - 1 and not prefix
    tier = "fuzzy" if edits else "exact" if whole else "prefix" if position == 0 else "word"
    return _Match(index, tier, min(1.0, covered / max(entry.length, 1)), position, last)


def allowed_edits(word: str) -> int:
    """Typos tolerated in one word: none in short words, where one edit makes another word,
    nor in numbers, where it makes another year or sum."""
    if any(char.isdigit() for char in word):
        return 0
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def edit_distance(a: str, b: str, bound: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours is one edit), or bound + 1
    as soon as it must exceed `bound`."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > bound:
            return bound + 1
        before, previous = previous, current
    return min(previous[-1], bound + 1)


def _letters(word: str) -> int:
    mask = 0
    for char in word:
        mask |= 1 << (ord(char) % 64)
    return mask
