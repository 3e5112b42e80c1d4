"""The sidebar panel and the source reader as trees of display blocks, every text escaped (pure).

geo.ui draws a block tree with one Streamlit call per block, so what the page shows is decided
here, where unit tests can read it, and the Streamlit module stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from geo.markdown import (
    escape_markdown,
    escape_runs,
    facts_markdown,
    history_markdown,
    quote_markdown,
)
from geo.models import Dataset
from geo.panel import ConflictView, Quote, SegmentPanel, citation_of, cite
from geo.reader import Chunk, Reader
from geo.search import Hit
from geo.urlstate import context_href


@dataclass(frozen=True)
class Action:
    """What a button asks for: `verb` one of select (a segment), clear, read (a seed), map."""

    verb: str
    value: str = ""


@dataclass(frozen=True)
class Block:
    """One thing on the page. `kind` names the Streamlit element geo.ui draws for it:
    header, subheader, heading (a small one), markdown, caption, info, button, link, bordered,
    columns, expander
    (the last three hold `children`; a columns block's children are its columns)."""

    kind: str
    text: str = ""
    children: tuple[Block, ...] = ()
    anchor: str | None = None
    key: str | None = None
    action: Action | None = None
    url: str | None = None
    icon: str | None = None


def header(text: str, anchor: str | None = None) -> Block:
    return Block("header", escape_markdown(text), anchor=anchor)


def subheader(text: str, anchor: str | None = None) -> Block:
    return Block("subheader", escape_markdown(text), anchor=anchor)


def quote_blocks(quote: Quote, rule: bool = False) -> tuple[Block, ...]:
    """A verbatim passage, who said it where, and a link to it in the source reader."""
    href = context_href(quote.citation.seed, quote.passage_id)
    blocks = [Block("markdown", quote_markdown(quote, rule, href))]
    if quote.citation.url:
        blocks.append(Block("link", "Open the source", url=quote.citation.url))
    return tuple(blocks)


def merged(blocks: Iterable[Block]) -> tuple[Block, ...]:
    """Runs of markdown blocks as one block each: every element costs a rerun a message and
    the browser a render, and a click's quotes arrive sooner as one (python -m bench)."""
    out: list[Block] = []
    for block in blocks:
        if out and block.kind == out[-1].kind == "markdown":
            out[-1] = replace(out[-1], text=f"{out[-1].text}\n\n{block.text}")
        else:
            out.append(block)
    return tuple(out)


def conflict_block(conflict: ConflictView) -> Block:
    """Passages that disagree, side by side under one label."""
    width = max(1, min(len(conflict.quotes), 2))
    columns: list[list[Block]] = [[] for _ in range(width)]
    for index, quote in enumerate(conflict.quotes):
        columns[index % width].extend(quote_blocks(quote))
    return Block(
        "bordered",
        children=(
            Block("markdown", f"**Conflict: {escape_markdown(conflict.topic)}**"),
            Block("caption", escape_markdown(f"{conflict.kind_label}. {conflict.note}")),
            Block("columns", children=tuple(Block("column", children=tuple(c)) for c in columns)),
        ),
    )


def panel_blocks(panel: SegmentPanel, match: str | None = None) -> tuple[Block, ...]:
    """Name and facts, then the quotes (what readers come for), then history and conflicts;
    the quote a search matched (`match`) comes first, marked as such."""
    return lead_blocks(panel, match) + detail_blocks(panel)


def lead_blocks(panel: SegmentPanel, match: str | None = None) -> tuple[Block, ...]:
    """The panel up to its quotes: name, facts, a conflict notice and every quote."""
    blocks = [header(panel.name), Block("markdown", facts_markdown(panel))]
    blocks.append(Block("caption", escape_markdown(panel.geometry_note)))
    if panel.conflicts:
        topics = "; ".join(conflict.topic for conflict in panel.conflicts)
        text = f"Sources disagree: {topics}. Both sides are under Conflicts."
        blocks.append(Block("info", escape_markdown(text)))
    blocks.append(subheader(f"What the sources say ({len(panel.quotes)})"))
    quotes = sorted(panel.quotes, key=lambda quote: quote.passage_id != match)
    if quotes and quotes[0].passage_id == match:
        blocks.append(Block("caption", "The passage your search found:"))
    blocks += merged(
        b for index, quote in enumerate(quotes) for b in quote_blocks(quote, index > 0)
    )
    return tuple(blocks)


def detail_blocks(panel: SegmentPanel) -> tuple[Block, ...]:
    """The panel after its quotes: status history, conflicts, the corridor's own quotes."""
    blocks = [subheader("Status history"), Block("markdown", history_markdown(panel))]
    if panel.conflicts:
        blocks.append(subheader(f"Conflicts ({len(panel.conflicts)})"))
    blocks.extend(conflict_block(conflict) for conflict in panel.conflicts)
    if panel.corridor_quotes:
        inner = merged(
            b for i, q in enumerate(panel.corridor_quotes) for b in quote_blocks(q, i > 0)
        )
        title = f"About the corridor as a whole ({len(panel.corridor_quotes)})"
        blocks.append(Block("expander", escape_markdown(title), children=inner))
    return tuple(blocks)


@dataclass(frozen=True)
class Names:
    """Display names of segments and corridors, by id."""

    segments: Mapping[str, str]
    corridors: Mapping[str, str]

    @classmethod
    def of(cls, dataset: Dataset) -> Names:
        return cls(
            {i: s.name for i, s in dataset.segments.items()},
            {i: c.name for i, c in dataset.corridors.items()},
        )


def seed_titles(dataset: Dataset, seeds: Iterable[str]) -> dict[str, str]:
    """Each seed's title, or its file name where the source states none."""
    return {seed: citation_of(dataset.sources.get(seed), seed).title or seed for seed in seeds}


QUOTED = "orange"
FOCUSED = "blue"
"""Highlight colours: every quoted passage, and the one a link pointed at."""


def reader_blocks(reader: Reader, names: Names, focus: str | None = None) -> tuple[Block, ...]:
    """A seed document with its metadata, each quoted passage highlighted under a heading
    that says what it backs, with a button per segment to show it on the map; the passage
    `focus` stands out in another colour."""
    title = reader.citation.title or reader.seed
    blocks = [
        Block("caption", "Source reader"),
        header(title),
        Block("markdown", metadata_markdown(reader)),
        Block("caption", escape_markdown(reading_note(reader))),
    ]
    for chunk in reader.chunks:
        blocks.extend(chunk_blocks(chunk, names, focus))
    return tuple(blocks)


def reading_note(reader: Reader) -> str:
    if not reader.passage_count:
        return "The map quotes no passage of this document."
    return (
        f"The {reader.passage_count} passages the map quotes are highlighted; the heading "
        "above each says what it backs."
    )


def metadata_markdown(reader: Reader) -> str:
    """What the document states about itself, and what was inferred and why."""
    citation = reader.citation
    fields = [
        ("Outlet", citation.outlet),
        ("Author", citation.author),
        ("Published", citation.published),
        ("Licence", reader.licence),
        ("Address", citation.url),
        ("File", f"seeds/{reader.seed}"),
    ]
    lines = [f"**{label}:** {escape_markdown(value or 'not stated')}" for label, value in fields]
    lines += [f"**Cite as:** {escape_markdown(cite(citation))}"]
    lines += [
        f"**Inferred {escape_markdown(field)}:** {escape_markdown(why)}"
        for field, why in reader.inferred
    ]
    return "  \n".join(lines)


def chunk_blocks(chunk: Chunk, names: Names, focus: str | None = None) -> tuple[Block, ...]:
    """The headings of the passages starting here, then the text up to the next one."""
    blocks: list[Block] = []
    segment_name = names.segments.get
    for mark in chunk.marks:
        backed = [segment_name(s, s) for s in mark.segments] or [
            f"{names.corridors.get(c, c)} as a whole" for c in mark.corridors
        ]
        label = "Quoted for " + ("; ".join(backed) if backed else "no segment")
        blocks.append(Block("heading", escape_markdown(label), anchor=mark.anchor))
        blocks.extend(
            Block(
                "button",
                escape_markdown(f"Show {segment_name(s, s)} on the map"),
                key=f"read-{mark.passage_id}-{s}",
                action=Action("select", s),
                icon=":material/map:",
            )
            for s in mark.segments
        )
    runs = [(piece.text, colour_of(piece.passages, focus)) for piece in chunk.pieces]
    text = escape_runs(runs)
    if text:
        blocks.append(Block("markdown", text))
    return tuple(blocks)


def colour_of(passages: tuple[str, ...], focus: str | None) -> str | None:
    if not passages:
        return None
    return FOCUSED if focus in passages else QUOTED


def reader_sidebar(titles: Mapping[str, str], current: str) -> tuple[Block, ...]:
    """Back to the map, and the other source documents to read."""
    blocks = [
        Block(
            "button",
            "Back to the map",
            key="reader-back",
            action=Action("map"),
            icon=":material/arrow_back:",
        ),
        subheader("Source documents"),
    ]
    blocks += [
        Block(
            "button",
            escape_markdown(title),
            key=f"reader-{seed}",
            action=Action("read", seed),
            icon=":material/article:",
        )
        for seed, title in titles.items()
        if seed != current
    ]
    return tuple(blocks)


def hit_action(hit: Hit, seed_of: Mapping[str, str]) -> Action:
    """What picking a hit does: select its segment (and passage), filter to its corridor, or
    open a passage no segment cites in the reader."""
    if hit.kind == "corridor" and hit.corridor_id:
        return Action("corridor", hit.corridor_id)
    if hit.passage_id and hit.segment_ids:
        return Action("select", f"{hit.segment_ids[0]}|{hit.passage_id}")
    if hit.passage_id:
        return Action("read", f"{seed_of[hit.passage_id]}|{hit.passage_id}")
    return Action("select", hit.segment_ids[0])


def hit_label(hit: Hit) -> str:
    if hit.kind == "corridor":
        count = len(hit.segment_ids)
        return f"{hit.label}: show only this corridor ({count} segment{'s' * (count != 1)})"
    if hit.field == "passage":
        return f"“{hit.matched}”, on {hit.label}"
    if hit.field == "alias":
        return f"{hit.label} (also called {hit.matched})"
    return hit.label


def search_blocks(
    query: str, hits: tuple[Hit, ...], seed_of: Mapping[str, str]
) -> tuple[Block, ...]:
    """The hits of a search as buttons, best first, or a line saying there are none."""
    if not query.strip():
        return ()
    if not hits:
        return (Block("caption", escape_markdown(f"Nothing matches “{query.strip()}”.")),)
    return tuple(
        Block(
            "button",
            escape_markdown(hit_label(hit)),
            key=f"hit-{index}",
            action=hit_action(hit, seed_of),
            icon=":material/format_quote:" if hit.field == "passage" else ":material/place:",
        )
        for index, hit in enumerate(hits)
    )
