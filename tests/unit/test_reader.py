"""The source reader: a seed cut at its passages, what each backs, and its layout."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geo.layout import Names, chunk_blocks, reader_blocks, reader_sidebar
from geo.load import load_dataset
from geo.models import Passage
from geo.paths import DEFAULT_PATHS
from geo.reader import build_reader, supporters
from geo.seeds import read_seeds

DATASET = load_dataset(DEFAULT_PATHS)
SEEDS = {name: seed.text or "" for name, seed in read_seeds(DEFAULT_PATHS.seeds).items()}
NAMES = Names(
    {i: s.name for i, s in DATASET.segments.items()},
    {i: c.name for i, c in DATASET.corridors.items()},
)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_the_reader_shows_every_character_of_its_seed_once(seed: str) -> None:
    reader = build_reader(DATASET, SEEDS, seed)
    assert "".join(p.text for c in reader.chunks for p in c.pieces) == SEEDS[seed]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_passage_of_the_seed_is_highlighted_exactly_where_it_is(seed: str) -> None:
    reader = build_reader(DATASET, SEEDS, seed)
    covered: dict[str, str] = {}
    for chunk in reader.chunks:
        for piece in chunk.pieces:
            for passage_id in piece.passages:
                covered[passage_id] = covered.get(passage_id, "") + piece.text
    quoted = {p.id: p.text for p in DATASET.passages.values() if p.seed == seed}
    assert covered == quoted
    assert reader.passage_count == len(quoted)


def test_each_passage_starts_a_chunk_headed_by_its_anchor() -> None:
    reader = build_reader(DATASET, SEEDS, "004_cde7561147019e39.txt")
    starts = {mark.passage_id: chunk.start for chunk in reader.chunks for mark in chunk.marks}
    loan = DATASET.passages["rasht-astara-5bn-loan"]
    assert starts["rasht-astara-5bn-loan"] == loan.start
    (mark,) = [m for c in reader.chunks for m in c.marks if m.passage_id == loan.id]
    assert mark.anchor == "passage-rasht-astara-5bn-loan"
    assert mark.segments == ("rasht-astara-railway",)


def test_a_passage_backs_the_segments_and_corridors_that_cite_it() -> None:
    backing = supporters(DATASET)
    for segment in DATASET.segments.values():
        for passage_id in segment.passages:
            assert segment.id in backing[passage_id][0]
    for corridor in DATASET.corridors.values():
        for passage_id in corridor.passages:
            assert corridor.id in backing[passage_id][1]


def test_overlapping_passages_share_the_overlap() -> None:
    seed = "004_cde7561147019e39.txt"
    text = SEEDS[seed]
    a = Passage("a", seed, 10, 30, text[10:30])
    b = Passage("b", seed, 20, 40, text[20:40])
    dataset = replace(DATASET, passages={"a": a, "b": b})
    reader = build_reader(dataset, SEEDS, seed)
    pieces = [(p.text, p.passages) for c in reader.chunks for p in c.pieces][:4]
    assert pieces == [
        (text[0:10], ()),
        (text[10:20], ("a",)),
        (text[20:30], ("a", "b")),
        (text[30:40], ("b",)),
    ]


def test_the_seed_without_passages_is_one_plain_chunk() -> None:
    reader = build_reader(DATASET, SEEDS, "001_3fa9429b42647ffa.txt")
    assert [(c.marks, [p.passages for p in c.pieces]) for c in reader.chunks] == [((), [()])]
    texts = [b.text for b in reader_blocks(reader, NAMES)]
    assert "The map quotes no passage of this document\\." in texts


def test_the_layout_heads_each_passage_and_offers_its_segments_on_the_map() -> None:
    reader = build_reader(DATASET, SEEDS, "004_cde7561147019e39.txt")
    blocks = reader_blocks(reader, NAMES, focus="rasht-astara-5bn-loan")
    headings = [b for b in blocks if b.kind == "heading"]
    assert len(headings) == reader.passage_count
    assert "passage-rasht-astara-5bn-loan" in {b.anchor for b in headings}
    buttons = [b.action for b in blocks if b.kind == "button"]
    assert all(action is not None and action.verb == "select" for action in buttons)
    loan = next(c for c in reader.chunks if c.start == DATASET.passages[
        "rasht-astara-5bn-loan"].start)  # fmt: skip
    body = chunk_blocks(loan, NAMES, focus="rasht-astara-5bn-loan")[-1].text
    assert body.startswith(":blue-background[For that the Russian side pledged")
    other = chunk_blocks(loan, NAMES, focus=None)[-1].text
    assert other.startswith(":orange-background[For that the Russian side pledged")


def test_the_layout_escapes_seed_text() -> None:
    seed = "004_cde7561147019e39.txt"
    hostile = "<img src=x onerror=alert(1)> [link](javascript:alert(2)) **bold**"
    seeds = {**SEEDS, seed: hostile}
    passage = Passage("p", seed, 0, 28, hostile[0:28])
    dataset = replace(DATASET, passages={"p": passage})
    blocks = reader_blocks(build_reader(dataset, seeds, seed), NAMES)
    body = blocks[-1].text
    assert body.startswith(":orange-background[\\<img src\\=x onerror\\=alert\\(1\\)\\>]")
    assert "\\[link\\]\\(javascript\\:" in body
    assert "\\*\\*bold\\*\\*" in body


def test_the_reader_sidebar_lists_the_other_documents() -> None:
    titles = {"a.txt": "A", "b.txt": "B <b>"}
    blocks = reader_sidebar(titles, "a.txt")
    assert [(b.kind, b.text) for b in blocks] == [
        ("button", "Back to the map"),
        ("subheader", "Source documents"),
        ("button", "B \\<b\\>"),
    ]
    assert blocks[2].action is not None and blocks[2].action.value == "b.txt"
