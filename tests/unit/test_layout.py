"""Layout of the sidebar and of search hits: what each block says and does."""

from __future__ import annotations

import pytest

from geo.layout import (
    Action,
    detail_blocks,
    hit_action,
    hit_label,
    lead_blocks,
    panel_blocks,
    search_blocks,
)
from geo.load import load_dataset
from geo.panel import build_panel
from geo.paths import DEFAULT_PATHS
from geo.search import Hit
from geo.seeds import read_seeds
from geo.urlstate import context_href

DATASET = load_dataset(DEFAULT_PATHS)
SEEDS = {name: seed.text or "" for name, seed in read_seeds(DEFAULT_PATHS.seeds).items()}
SEED_OF = {p.id: p.seed for p in DATASET.passages.values()}
RASHT = "rasht-astara-railway"


def hit(kind: str, field: str, **extra: object) -> Hit:
    values: dict[str, object] = {
        "segment_ids": (RASHT,), "corridor_id": None, "passage_id": None,
        "label": "Line A", "matched": "Rasht", "score": 1.0,
    }  # fmt: skip
    values.update(extra)
    return Hit(kind=kind, field=field, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("found", "action", "label"),
    [
        (hit("segment", "name"), Action("select", RASHT), "Line A"),
        (
            hit("segment", "alias", matched="Astara line"),
            Action("select", RASHT),
            "Line A (also called Astara line)",
        ),
        (
            hit("corridor", "corridor", corridor_id="rasht-astara", segment_ids=(RASHT,)),
            Action("corridor", "rasht-astara"),
            "Line A: show only this corridor (1 segment)",
        ),
        (
            hit("passage", "passage", passage_id="rasht-astara-5bn-loan", matched="…loan…"),
            Action("select", f"{RASHT}|rasht-astara-5bn-loan"),
            "“…loan…”, on Line A",
        ),
        (
            hit("passage", "passage", passage_id="rasht-astara-5bn-loan", segment_ids=()),
            Action("read", f"{SEED_OF['rasht-astara-5bn-loan']}|rasht-astara-5bn-loan"),
            "“Rasht”, on Line A",
        ),
    ],
)
def test_what_a_hit_says_and_does(found: Hit, action: Action, label: str) -> None:
    assert hit_action(found, SEED_OF) == action
    assert hit_label(found) == label


def test_search_blocks_escape_and_say_when_nothing_matches() -> None:
    assert search_blocks("  ", (), SEED_OF) == ()
    (none,) = search_blocks("<b>x</b>", (), SEED_OF)
    assert none.text == "Nothing matches “\\<b\\>x\\<\\/b\\>”\\."
    blocks = search_blocks("r", (hit("segment", "name", label="A *b*"),), SEED_OF)
    assert [(b.kind, b.text, b.key) for b in blocks] == [("button", "A \\*b\\*", "hit-0")]


def test_every_quote_links_to_the_reader_and_the_match_comes_first() -> None:
    panel = build_panel(DATASET, SEEDS, RASHT, 2025, {})
    last = panel.quotes[-1].passage_id
    texts = [b.text for b in panel_blocks(panel, match=last) if b.kind in ("markdown", "caption")]
    start = texts.index("The passage your search found:")
    assert context_href(SEED_OF[last], last) in texts[start + 1]
    for quote in panel.quotes:
        assert sum(context_href(quote.citation.seed, quote.passage_id) in t for t in texts) >= 1
    plain = [b.text for b in panel_blocks(panel) if b.kind == "caption"]
    assert "The passage your search found:" not in plain


def test_quotes_go_to_the_browser_as_one_element() -> None:
    panel = build_panel(DATASET, SEEDS, RASHT, 2025, {})
    blocks = panel_blocks(panel)
    start = next(i for i, b in enumerate(blocks) if b.text.startswith("What the sources say"))
    quotes = blocks[start + 1]
    assert quotes.kind == "markdown"
    assert quotes.text.count("[Read in context ↗]") == len(panel.quotes)
    assert quotes.text.count("\n\n---\n\n") == len(panel.quotes) - 1


def test_the_lead_holds_every_quote_and_the_details_the_rest() -> None:
    # The page sends the lead before the map and the details after it (geo/ui/page.py), so
    # the quotes must all be in the lead, and nothing may be lost or repeated in the split.
    panel = build_panel(DATASET, SEEDS, RASHT, 2025, {})
    lead, details = lead_blocks(panel), detail_blocks(panel)
    assert lead + details == panel_blocks(panel)
    assert lead[-1].text.count("[Read in context ↗]") == len(panel.quotes)
    assert details[0].text == "Status history"
    assert panel.conflicts
    assert any(b.text.startswith("Conflicts \\(") for b in details)
    assert not any("Read in context" in b.text for b in details if b.kind != "bordered")
