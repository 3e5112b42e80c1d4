"""Data text as markdown that Streamlit shows literally, and the sidebar's text blocks (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from geo.panel import Quote, SegmentPanel, cite

WORD_JOINER = "\u2060"
"""Invisible, not whitespace and not a word character: it breaks Streamlit's text rewrites."""

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# Streamlit and remark-gfm rewrite text *after* parsing, where escapes are gone: `:name:`
# becomes an emoji, icon or logo; a spaced `->`, `--`, `>=` an arrow or dash; a bare URL,
# `www.` or e-mail address a link. A word joiner inside each such token keeps the text as is.
_REWRITTEN = (
    (re.compile(r":(?=[\w+-]+:)"), ":" + WORD_JOINER),
    (
        re.compile(r"(?<![^\s\ufeff])(?=(?:<->|->|<-|--|>=|<=|~=)(?![^\s\ufeff]))(.)"),
        r"\1" + WORD_JOINER,
    ),
    (re.compile(r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))"), WORD_JOINER),
    (re.compile(r"@(?=[-\w])"), "@" + WORD_JOINER),
)


@lru_cache(maxsize=8192)
def escape_markdown(text: str) -> str:
    """`text` as markdown that `st.markdown` shows literally, each line break kept.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of
    them), so no link, image, HTML, emphasis, math, directive or table can form. Leading
    indentation and blank lines at either end are dropped, as HTML would not show them.
    Cached: the same passages are escaped again on every rerun that shows them, and the
    regular expressions cost about 15 ms per sidebar (py-spy, python -m bench.profile).
    """
    return escape_runs(((text, None),))


def escape_runs(runs: Iterable[tuple[str, str | None]]) -> str:
    """Runs of text as one escaped markdown block, each highlighted in its background colour
    (a Streamlit colour name such as "orange"; None for plain text).

    Like `escape_markdown`, but a run may end or start mid-line, so only the text at the
    start of a line loses its indentation, and a highlight is closed and reopened at each
    line break (a highlight cannot span lines).
    """
    lines = [""]
    for text, colour in runs:
        for index, raw in enumerate(_NEWLINE.split(text)):
            if index > 0:
                lines.append("")
            part = raw if lines[-1] else raw.lstrip(" \t")
            if part:
                escaped = _literal_line(part)
                lines[-1] += f":{colour}-background[{escaped}]" if colour else escaped
    # A backslash before a newline is a hard break; at the very end it would show as "\".
    return "\\\n".join("\n".join(lines).strip("\n").split("\n"))


def _literal_line(line: str) -> str:
    for pattern, replacement in _REWRITTEN:
        line = pattern.sub(replacement, line)
    return _PUNCTUATION.sub(r"\\\1", line)


def quote_block(text: str) -> str:
    """A passage as an escaped markdown blockquote: every line prefixed with "> "."""
    return "\n".join(f"> {line}" for line in escape_markdown(text).split("\n"))


def glossary(labels: dict[str, str]) -> str:
    """Each id with its label, for a widget's help: escaped, since help renders markdown."""
    return "  \n".join(
        f"{escape_markdown(key)}: {escape_markdown(value)}" for key, value in labels.items()
    )


def facts_markdown(panel: SegmentPanel) -> str:
    """Corridor, mode, countries, status, lengths and precision, each from the data."""
    now = panel.status_now
    status = (
        f"{now.status_label} (since {now.year})"
        if now
        else f"not yet mentioned by any source (first dated {panel.history[0].year})"
    )
    stated = f"{panel.stated_km:,.0f} km as stated" if panel.stated_km is not None else "not stated"
    lines = [
        f"**Corridor:** {escape_markdown(panel.corridor_name)}",
        f"**Mode:** {escape_markdown(panel.mode_label)}",
        f"**Countries:** {escape_markdown(', '.join(panel.countries))}",
        f"**Status in {panel.year}:** {escape_markdown(status)}",
        f"**Length:** {escape_markdown(stated)}; the drawn line measures "
        f"{panel.measured_km:,.1f} km (geodesic)",
        f"**Geometry:** {escape_markdown(panel.precision_label)}. "
        f"{escape_markdown(panel.precision_definition)}",
        f"**Backed by:** {backing(panel)}",
    ]
    return "  \n".join(lines)


def backing(panel: SegmentPanel) -> str:
    """How many passages from how many source documents back the segment."""
    quotes = len(panel.quotes)
    sources = len({quote.citation.seed for quote in panel.quotes})
    return f"{quotes} passage{'s' * (quotes != 1)} from {sources} source{'s' * (sources != 1)}"


def history_markdown(panel: SegmentPanel) -> str:
    """The dated status history, oldest first, as an escaped markdown list: light to render,
    unlike a dataframe, so it never delays the quotes above it."""
    items = []
    for row in panel.history:
        note = f": {row.note}" if row.note else ""
        text = f"{row.status_label} (dated by {row.dated_by_label}){note}"
        items.append(f"- **{row.year}**: {escape_markdown(text)}")
    return "\n".join(items)


def citation_caption(quote: Quote) -> str:
    """Who said the quote, and where: one escaped line."""
    speaker = f"{quote.speaker}, quoted in: " if quote.speaker else ""
    return escape_markdown(speaker + cite(quote.citation))


def quote_markdown(quote: Quote, rule: bool = False, context_href: str | None = None) -> str:
    """A quote and who said it where, as one markdown block (one element for Streamlit to
    send instead of three: each element costs the rerun about a millisecond and a message);
    ``rule`` puts a line above it to separate it from the one before; ``context_href`` adds
    a link to the quote in the source reader (it opens in a new tab, as Streamlit's markdown
    links do, so the map stays as it was)."""
    above = "---\n\n" if rule else ""
    link = f" [Read in context ↗]({context_href})" if context_href else ""
    return f"{above}{quote_block(quote.text)}\n\n— {citation_caption(quote)}{link}"
