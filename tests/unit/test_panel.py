"""The segment panel on the real data set, and the markdown escaping it is shown with."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable

import pytest

from geo.load import load_dataset
from geo.markdown import WORD_JOINER as J
from geo.markdown import escape_markdown, quote_block
from geo.models import Dataset
from geo.panel import (
    Citation,
    SegmentPanel,
    build_panel,
    citation_of,
    cite,
    cited_passages,
    context_around,
    country_names,
    measured,
    safe_url,
)
from geo.paths import BASEMAP, DEFAULT_PATHS
from geo.seeds import read_seeds

RASHT = "rasht-astara-railway"
MEGHRI = "zangezur-syunik-meghri"
SEED_003 = "003_7b472f99fc17f628.txt"
SEED_004 = "004_cde7561147019e39.txt"

PanelOf = Callable[..., SegmentPanel]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DEFAULT_PATHS)


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    return {n: s.text for n, s in read_seeds(DEFAULT_PATHS.seeds).items() if s.text is not None}


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return country_names(json.loads(BASEMAP.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def panel_of(dataset: Dataset, seeds: dict[str, str], names: dict[str, str]) -> PanelOf:
    def build(segment_id: str, year: int = 2025) -> SegmentPanel:
        return build_panel(dataset, seeds, segment_id, year, names)

    return build


# --- build_panel on the real data -------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2016, None),
        (2017, ("financed", "Financed", "Date of the cited report")),
        (2021, ("financed", "Financed", "Date of the cited report")),
        (2022, ("financed", "Financed", "Date of the event")),
        (2025, ("under-construction", "Under construction", "Date of the source")),
    ],
)
def test_rasht_astara_status_as_of_the_year(
    panel_of: PanelOf, year: int, expected: tuple[str, ...] | None
) -> None:
    now = panel_of(RASHT, year).status_now
    got = None if now is None else (now.status, now.status_label, now.dated_by_label)
    assert got == expected


def test_rasht_astara_panel_fields(panel_of: PanelOf) -> None:
    panel = panel_of(RASHT, 2017)
    assert (panel.name, panel.corridor, panel.corridor_name) == (
        "Rasht\u2013Astara railway",
        "rasht-astara",
        "Rasht\u2013Astara railway",
    )
    assert (panel.mode_label, panel.countries, panel.country_codes) == ("Rail", ("Iran",), ("IR",))
    assert [(h.year, h.status) for h in panel.history] == [
        (2017, "financed"),
        (2022, "financed"),
        (2025, "under-construction"),
    ]
    assert panel.history[0].passages == (
        "rasht-astara-azerbaijan-500m-loan",
        "footnote-22-financial-tribune-2017",
    )
    assert (panel.stated_km, panel.stated_passages) == (162, ("rasht-astara-putin-2022-162km",))
    assert panel.measured_km == 165.0
    assert (panel.precision, panel.precision_label) == ("approximate", "Approximate")
    assert panel.precision_definition.startswith("Straight lines between known waypoints")
    assert panel.geometry_note.startswith("The line is not yet built")


def test_rasht_astara_quotes_in_seed_then_offset_order(panel_of: PanelOf) -> None:
    panel = panel_of(RASHT)
    assert [q.passage_id for q in panel.quotes] == [
        "tripartite-mechanism-western-caspian-2016",
        "khandouzi-5bn-credit-line",
        "rasht-astara-azerbaijan-500m-loan",
        "rasht-astara-only-remaining-link",
        "footnote-21-caspian-news-2022",
        "footnote-22-financial-tribune-2017",
        "rasht-astara-only-remaining-part",
        "rasht-astara-lacked-funding",
        "rasht-astara-putin-2022-162km",
        "rasht-astara-5bn-loan",
        "rasht-astara-document-february",
        "rasht-astara-work-ongoing-gauges",
        "instc-reach-persian-gulf-india",
    ]
    assert panel.corridor_quotes == ()


@pytest.mark.parametrize(
    ("segment_id", "passage_id", "citation", "speaker"),
    [
        (
            RASHT,
            "rasht-astara-putin-2022-162km",
            f"Emil Avdaliani, untitled document, 2025 (inferred) (seed {SEED_004})",
            None,
        ),
        (
            RASHT,
            "khandouzi-5bn-credit-line",
            '"Iran\u2013Russia Relations under Raisi: The Eurasian Dimension", 2022 (inferred) '
            "(seed 002_413ac2ffaa53d0e7.txt)",
            "Ehsan Khandouzi",
        ),
        (
            MEGHRI,
            "trilateral-statement-communication-channels",
            "untitled document, 2022-01 (inferred) (seed 000_5554759c8c55f9f8.txt)",
            None,
        ),
        (
            "chabahar-mumbai-sea",
            "chabahar-mumbai-leg-depends",
            'Hazal Yalin, "Iran and Russia: Three steps into strategic convergence", '
            f"afgazad.com, 2025-06-02 (seed {SEED_003})",
            None,
        ),
    ],
)
def test_quote_citations(
    panel_of: PanelOf, segment_id: str, passage_id: str, citation: str, speaker: str | None
) -> None:
    quote = next(q for q in panel_of(segment_id).quotes if q.passage_id == passage_id)
    assert (cite(quote.citation), quote.speaker) == (citation, speaker)


def test_rasht_astara_context_of_the_162_km_passage(
    dataset: Dataset, seeds: dict[str, str], names: dict[str, str]
) -> None:
    panel = build_panel(dataset, seeds, RASHT, 2025, names, context_chars=60)
    quote = next(q for q in panel.quotes if q.passage_id == "rasht-astara-putin-2022-162km")
    assert quote.before == "…lacked funding, but recently Russia activated its policy. "
    assert quote.after == " For that the Russian side pledged to provide a loan of some…"


@pytest.mark.parametrize(
    ("segment_id", "conflicts"),
    [
        (
            RASHT,
            [
                ("five-billion-loan-scope", "Sources disagree"),
                ("rasht-astara-document-year", "Ambiguous"),
                ("rasht-astara-12km-section", "Ambiguous"),
            ],
        ),
        (MEGHRI, []),
        (
            "garmsar-incheh-borun-railway",
            [
                ("five-billion-loan-scope", "Sources disagree"),
                ("russian-exit-date", "Sources disagree"),
                ("garmsar-position", "Source against geography"),
            ],
        ),
    ],
)
def test_conflicts_naming_the_segment(
    panel_of: PanelOf, segment_id: str, conflicts: list[tuple[str, str]]
) -> None:
    panel = panel_of(segment_id)
    assert [(c.id, c.kind_label) for c in panel.conflicts] == conflicts
    raw = json.loads(DEFAULT_PATHS.conflicts.read_text(encoding="utf-8"))
    assert [c.id for c in panel.conflicts] == [r["id"] for r in raw if segment_id in r["segments"]]


def test_conflict_quotes_are_ordered_by_seed_then_offset(panel_of: PanelOf) -> None:
    loan = panel_of(RASHT).conflicts[0]
    assert [q.passage_id for q in loan.quotes] == [
        "khandouzi-5bn-credit-line",
        "rasht-astara-azerbaijan-500m-loan",
        "rasht-astara-5bn-loan",
    ]


def test_meghri_has_no_stated_length_and_corridor_quotes_not_repeated(panel_of: PanelOf) -> None:
    panel = panel_of(MEGHRI)
    assert (panel.stated_km, panel.stated_passages, panel.stated_note) == (None, (), None)
    assert panel.measured_km == 36.4
    assert [q.passage_id for q in panel.corridor_quotes] == [
        "west-east-route-threat",
        "west-east-route-bypasses-iran-russia",
        "zangezur-trans-caspian-btk",
        "zangezur-iran-fears-influence",
    ]
    own = {q.passage_id for q in panel.quotes}
    assert own.isdisjoint(q.passage_id for q in panel.corridor_quotes)
    assert all(q.text for q in panel.quotes)


@pytest.mark.parametrize("segment_id", sorted(load_dataset(DEFAULT_PATHS).segments))
def test_every_quote_is_its_seed_slice_with_context_around_it(
    panel_of: PanelOf, seeds: dict[str, str], segment_id: str
) -> None:
    panel = panel_of(segment_id)
    quotes = [
        *panel.quotes,
        *panel.corridor_quotes,
        *(q for c in panel.conflicts for q in c.quotes),
    ]
    assert quotes
    for quote in quotes:
        text = seeds[quote.citation.seed]
        assert quote.text == text[quote.start : quote.end]
        assert quote.before.removeprefix("…") + quote.text + quote.after.removesuffix("…") in text
        assert len(quote.before) <= 321
        assert len(quote.after) <= 321


def test_status_passages_are_quoted_even_when_the_segment_list_omits_them(
    dataset: Dataset, seeds: dict[str, str], names: dict[str, str]
) -> None:
    bare = dataclasses.replace(dataset.segments[RASHT], passages=())
    data = dataclasses.replace(dataset, segments={**dataset.segments, RASHT: bare})
    panel = build_panel(data, seeds, RASHT, 2025, names)
    assert cited_passages(bare) == (
        "rasht-astara-azerbaijan-500m-loan",
        "footnote-22-financial-tribune-2017",
        "rasht-astara-putin-2022-162km",
        "rasht-astara-5bn-loan",
        "khandouzi-5bn-credit-line",
        "footnote-21-caspian-news-2022",
        "rasht-astara-work-ongoing-gauges",
    )
    assert [q.passage_id for q in panel.quotes] == [
        "khandouzi-5bn-credit-line",
        "rasht-astara-azerbaijan-500m-loan",
        "footnote-21-caspian-news-2022",
        "footnote-22-financial-tribune-2017",
        "rasht-astara-putin-2022-162km",
        "rasht-astara-5bn-loan",
        "rasht-astara-work-ongoing-gauges",
    ]


@pytest.mark.parametrize(
    ("mapping", "countries"),
    [({}, ("AZ", "TR")), ({"AZ": "Azerbaijan"}, ("Azerbaijan", "TR"))],
)
def test_country_names_fall_back_to_the_code(
    dataset: Dataset, seeds: dict[str, str], mapping: dict[str, str], countries: tuple[str, ...]
) -> None:
    panel = build_panel(dataset, seeds, "zangezur-nakhchivan-turkey", 2025, mapping)
    assert panel.countries == countries


def test_unknown_segment_is_a_key_error(
    dataset: Dataset, seeds: dict[str, str], names: dict[str, str]
) -> None:
    with pytest.raises(KeyError):
        build_panel(dataset, seeds, "no-such-segment", 2025, names)


@pytest.mark.parametrize(("km", "shown"), [(165.16, 165.0), (36.37, 36.4), (99.96, 100.0)])
def test_measured_length_is_rounded_to_the_drawing(km: float, shown: float) -> None:
    assert measured(km) == shown


# --- country names ----------------------------------------------------------------------


def test_country_names_from_the_basemap(names: dict[str, str]) -> None:
    assert (names["IR"], names["AM"], names["RU"]) == ("Iran", "Armenia", "Russia")
    assert "GB" not in names  # Akrotiri and Dhekelia share it: neither is the country's name


def test_country_names_skip_missing_and_odd_codes() -> None:
    features = [
        {"properties": {"iso_a2": "XX", "name": "Exland"}},
        {"properties": {"iso_a2": None, "name": "Bir Tawil"}},
        {"properties": {"iso_a2": "-99", "name": "Nowhere"}},
        {"properties": None},
    ]
    assert country_names({"features": features}) == {"XX": "Exland"}


# --- context_around ---------------------------------------------------------------------

TEXT = "one two three PASSAGE four five six"
AT = (TEXT.index("PASSAGE"), TEXT.index("PASSAGE") + len("PASSAGE"))


@pytest.mark.parametrize(
    ("text", "span", "radius", "expected"),
    [
        (TEXT, AT, 100, ("one two three ", " four five six")),
        (TEXT, AT, 7, ("…three ", " four…")),  # both windows end inside a word
        (TEXT, AT, 6, ("…three ", " four…")),  # the window starts exactly at a word
        (TEXT, AT, 10, ("…two three ", " four five…")),  # both windows end at a word
        (TEXT, AT, 14, ("one two three ", " four five six")),  # both reach the text's ends
        (TEXT, AT, 0, ("…", "…")),
        ("PASSAGE", (0, 7), 10, ("", "")),
        ("abcdefghij", (4, 6), 2, ("…", "…")),  # no whole word fits
        ("x\nyy\nPASSAGE\nzz\nw", (5, 12), 4, ("…yy\n", "\nzz…")),
    ],
)
def test_context_around(
    text: str, span: tuple[int, int], radius: int, expected: tuple[str, str]
) -> None:
    assert context_around(text, *span, radius) == expected


# --- escape_markdown --------------------------------------------------------------------


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown, flags=re.DOTALL).replace(J, "")


TYPOGRAPHY = "Raisi\u2019s \u201cplan\u201d \u2013 12 km"
ESCAPED = [
    ("<img src=x onerror=alert(1)>", r"\<img src\=x onerror\=alert\(1\)\>"),
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
    ("[a](javascript:alert(1))", r"\[a\]\(javascript\:alert\(1\)\)"),
    ("![x](http://127.0.0.1:9/x.png)", rf"\!\[x\]\(http\:{J}\/\/127\.0\.0\.1\:9\/x\.png\)"),
    ("**b** _i_ $x^2$ :red[r]", r"\*\*b\*\* \_i\_ \$x\^2\$ \:red\[r\]"),
    (":smile: :+1: :material_home:", rf"\:{J}smile\: \:{J}\+1\: \:{J}material\_home\:"),
    (":material/home: :streamlit:", rf"\:material\/home\: \:{J}streamlit\:"),
    ("a -> b -- c >= d", rf"a \-{J}\> b \-{J}\- c \>{J}\= d"),
    ("a-->b x--y", r"a\-\-\>b x\-\-y"),
    ("www.example.com x@y.org", rf"www{J}\.example\.com x\@{J}y\.org"),
    ("&amp; &#58; back\\slash", r"\&amp\; \&\#58\; back\\slash"),
    (
        "# h\n- item\n1. one\n> q\n|a|b|\n---",
        "\\# h\\\n\\- item\\\n1\\. one\\\n\\> q\\\n\\|a\\|b\\|\\\n\\-\\-\\-",
    ),
    ("line1\nline2\n\nline4", "line1\\\nline2\\\n\\\nline4"),
    ("ends with a backslash\\", "ends with a backslash\\\\"),
    (TYPOGRAPHY, TYPOGRAPHY),  # not ASCII: nothing to escape
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPED)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(("text", "expected"), ESCAPED)
def test_escaped_text_unescapes_to_the_original(text: str, expected: str) -> None:
    assert unescape(escape_markdown(text)) == text


@pytest.mark.parametrize(("text", "expected"), ESCAPED)
def test_no_ascii_punctuation_is_left_unescaped(text: str, expected: str) -> None:
    assert re.fullmatch(r"(?:\\[!-/:-@\[-`{-~\n]|[^!-/:-@\[-`{-~])*", escape_markdown(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb\rc", "a\\\nb\\\nc"),
        ("    code\n  b", "code\\\nb"),  # indentation would make a code block
        ("\n\nmiddle\n\n", "middle"),  # a trailing "\" would show as a backslash
        ("a\n   \nb", "a\\\n\\\nb"),
    ],
)
def test_escape_markdown_normalises_line_breaks_and_indentation(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one line", "> one line"),
        ("a\nb", "> a\\\n> b"),
        ("<b>x</b>\n> nested", "> \\<b\\>x\\<\\/b\\>\\\n> \\> nested"),
    ],
)
def test_quote_block(text: str, expected: str) -> None:
    assert quote_block(text) == expected


# --- citations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("citation", "line"),
    [
        (
            Citation("s.txt", "T", "O", "A", "2025-06-02", None, ()),
            'A, "T", O, 2025-06-02 (seed s.txt)',
        ),
        (
            Citation("s.txt", None, None, None, None, None, ()),
            "untitled document, undated (seed s.txt)",
        ),
        (
            Citation("s.txt", None, None, None, "2022-01", None, ("published",)),
            "untitled document, 2022-01 (inferred) (seed s.txt)",
        ),
        (
            Citation("s.txt", "T", None, "A", "2025", None, ("author", "title")),
            'A (inferred), "T" (inferred), 2025 (seed s.txt)',
        ),
        (
            Citation("s.txt", "T", "O", None, None, "https://example.org/a", ()),
            '"T", O, undated, https://example.org/a (seed s.txt)',
        ),
    ],
)
def test_cite(citation: Citation, line: str) -> None:
    assert cite(citation) == line


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1&c=d#e", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("http://exa mple.org/", False),
        ("http://example.org/\n", False),
        ("http://example.org/a)b", False),
        ("http://example.org/[1]", False),
        ('http://example.org/"x', False),
        ("http://example.org/a\\b", False),
        ("ftp://example.org/", False),
        ("http://", False),
        ("http:example.org", False),
        ("//example.org/", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, kept: bool) -> None:
    assert safe_url(url) == (url if kept else None)


def test_citation_of_a_real_source_drops_an_unsafe_url(dataset: Dataset) -> None:
    source = dataset.sources[SEED_003]
    assert citation_of(source, SEED_003) == Citation(
        SEED_003,
        "Iran and Russia: Three steps into strategic convergence",
        "afgazad.com",
        "Hazal Yalin",
        "2025-06-02",
        None,
        (),
    )
    hostile = dataclasses.replace(source, url="javascript:alert(1)", inferred={"url": "guess"})
    assert citation_of(hostile, SEED_003).url is None
    assert citation_of(hostile, SEED_003).inferred == ("url",)
    assert citation_of(None, "x.txt") == Citation("x.txt", None, None, None, None, None, ())
