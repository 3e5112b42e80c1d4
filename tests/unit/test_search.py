"""Search: normalising spellings, the shipped data's names and typos, passages, ranking."""

# The spellings under test are the data's own: en dashes, dotless i, curly apostrophes.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import replace

import pytest

from geo.load import load_dataset
from geo.models import Corridor, Dataset, Passage, Segment, StatusEntry, Vocabulary
from geo.paths import DEFAULT_PATHS
from geo.search import MAX_QUERY_CHARS, SearchIndex, build_index, edit_distance, normalise, search

SHIPPED = load_dataset(DEFAULT_PATHS)
INDEX = build_index(SHIPPED)


def top_segment(query: str) -> str:
    hits = search(INDEX, query)
    assert hits, f"no hits for {query!r}"
    assert hits[0].kind == "segment", hits[0]
    return hits[0].segment_ids[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Rasht–Astara", ("rasht", "astara")),
        ("  ZANGEZUR\t", ("zangezur",)),
        ("Zange\u0301zur", ("zangezur",)),
        ("Naxçıvan", ("naxcivan",)),
        ("Iğdır", ("igdir",)),
        ("Bandar-e Anzali", ("bandar", "anzali")),
        ("Incheh-Borun", ("inche", "borun")),
        ("INCHEBOROUN", ("incheborun",)),
        ("Nordooz", ("norduz",)),
        ("Raisi’s", ("raisi", "s")),
        ("“Baku”, (2016)", ("baku", "2016")),
        ("<b>.*[x]</b>", ("b", "x", "b")),
        ("— – - ' ", ()),
        ("", ()),
    ],
)
def test_normalise(text: str, words: tuple[str, ...]) -> None:
    assert normalise(text) == words


@pytest.mark.parametrize(
    ("a", "b", "bound", "distance"),
    [
        ("meghri", "meghri", 1, 0),
        ("meghry", "meghri", 1, 1),
        ("zangesur", "zangezur", 2, 1),
        ("zanegzur", "zangezur", 2, 1),
        ("mehri", "meghry", 2, 2),
        ("astra", "astrakhan", 2, 3),
        ("kapan", "goris", 1, 2),
    ],
)
def test_edit_distance_is_bounded(a: str, b: str, bound: int, distance: int) -> None:
    assert edit_distance(a, b, bound) == distance


@pytest.mark.parametrize(
    ("query", "segment"),
    [
        ("Zangezur", "zangezur-syunik-meghri"),
        ("Syunik", "zangezur-syunik-meghri"),
        ("Meghri", "zangezur-syunik-meghri"),
        ("meghri", "zangezur-syunik-meghri"),
        ("Anzali", "caspian-anzali-aktau"),
        ("Bandar-e Anzali", "caspian-anzali-aktau"),
        ("Bandar Anzali", "caspian-anzali-aktau"),
        ("bandar–e anzali", "caspian-anzali-aktau"),
        ("Astara Iran", "rasht-astara-railway"),
        ("Astara (Iran)", "rasht-astara-railway"),
        ("Astara, Azerbaijan", "instc-samur-astara"),
        ("Astara Azerbaijan", "instc-samur-astara"),
        ("Incheh-Borun", "garmsar-incheh-borun-railway"),
        ("Inche Burun", "garmsar-incheh-borun-railway"),
        ("Incheh Borun", "garmsar-incheh-borun-railway"),
        ("Incheborun", "garmsar-incheh-borun-railway"),
        ("Naxcivan", "zangezur-nakhchivan-turkey"),
        ("Igdir", "zangezur-nakhchivan-turkey"),
        ("Rasht Astara", "rasht-astara-railway"),
        ("RashtAstara", "rasht-astara-railway"),
        ("ShahidRajaee", "instc-tehran-persian-gulf"),
        ("Shahid Beheshti", "chabahar-mumbai-sea"),
        ("ShahidBeheshti", "chabahar-mumbai-sea"),
    ],
)
def test_spellings_people_use_find_their_segment_first(query: str, segment: str) -> None:
    assert top_segment(query) == segment


@pytest.mark.parametrize("query", ["Anzali", "Bandar Anzali", "Enzeli"])
def test_anzali_finds_every_line_from_anzali_first(query: str) -> None:
    found = [hit.segment_ids for hit in search(INDEX, query)[:3]]
    assert found == [
        ("caspian-anzali-aktau",),
        ("caspian-anzali-astrakhan",),
        ("caspian-anzali-makhachkala",),
    ]


@pytest.mark.parametrize("query", ["Astara", "astara", "ASTARA"])
def test_astara_finds_both_segments_ending_there(query: str) -> None:
    found = [hit.segment_ids for hit in search(INDEX, query)[:2]]
    assert found == [("rasht-astara-railway",), ("instc-samur-astara",)]


@pytest.mark.parametrize(
    ("query", "segment"),
    [
        ("Zangesur", "zangezur-syunik-meghri"),
        ("Zanegzur", "zangezur-syunik-meghri"),
        ("Rasht Astra", "rasht-astara-railway"),
        ("Meghry", "zangezur-syunik-meghri"),
        ("Nakhchivn", "zangezur-nakhchivan-turkey"),
        ("Tbilsi", "baku-tbilisi-kars-railway"),
        ("Garmsr", "garmsar-incheh-borun-railway"),
        ("Astrakan", "instc-moscow-astrakhan"),
    ],
)
def test_typos_find_the_segment_first(query: str, segment: str) -> None:
    assert top_segment(query) == segment
    assert 1.0 <= search(INDEX, query)[0].score < 2.0  # found as a typo, not as a name


def shipped_spellings() -> list[tuple[str, str]]:
    return [
        (segment.id, text)
        for segment in SHIPPED.segments.values()
        for text in (segment.name, *segment.aliases)
    ]


def segments_spelled(text: str) -> set[str]:
    spelled = "".join(normalise(text))
    return {
        segment.id
        for segment in SHIPPED.segments.values()
        if any("".join(normalise(t)) == spelled for t in (segment.name, *segment.aliases))
    }


@pytest.mark.parametrize(("segment", "text"), shipped_spellings())
def test_every_name_and_alias_finds_its_segment_first(segment: str, text: str) -> None:
    # A spelling several segments share ("M2", "Meghri") finds all of them before anything else.
    sharing = segments_spelled(text)
    hits = search(INDEX, text, limit=len(sharing))
    assert segment in sharing
    assert {hit.segment_ids[0] for hit in hits if hit.kind == "segment"} == sharing
    assert all(hit.score > 4.0 for hit in hits)


@pytest.mark.parametrize(
    ("corridor", "text"),
    [(c.id, text) for c in SHIPPED.corridors.values() for text in (c.name, *c.aliases)],
)
def test_every_corridor_name_and_alias_finds_the_corridor(corridor: str, text: str) -> None:
    hits = search(INDEX, text)
    assert hits[0].corridor_id == corridor
    found = next(hit for hit in hits if hit.kind == "corridor")
    assert (found.corridor_id, found.field) == (corridor, "corridor")
    # Of spellings equal but for spaces and punctuation ("RashtAstara"), the first is shown.
    assert "".join(normalise(found.matched)) == "".join(normalise(text))
    assert set(found.segment_ids) == {
        s.id for s in SHIPPED.segments.values() if s.corridor == corridor
    }


EAST = ("instc-east-russia-kazakhstan", "instc-east-turkmenistan")
RASHT_AND_GARMSAR = ("rasht-astara-railway", "garmsar-incheh-borun-railway")


@pytest.mark.parametrize(
    ("query", "passage", "segments", "corridor"),
    [
        (
            "sanctions",
            "russian-railways-ceased-2020",
            RASHT_AND_GARMSAR[1:],
            "garmsar-incheh-borun",
        ),
        ("Khandouzi", "khandouzi-5bn-credit-line", RASHT_AND_GARMSAR, "rasht-astara"),
        ("Khanduzi", "khandouzi-5bn-credit-line", RASHT_AND_GARMSAR, "rasht-astara"),
        (
            "railway gauges",
            "rasht-astara-work-ongoing-gauges",
            RASHT_AND_GARMSAR[:1],
            "rasht-astara",
        ),
        ("trains to Pakistan", "instc-trains-to-pakistan", EAST, "instc-eastern-branch"),
        # Cited only by its corridor: selects no segment, names the corridor.
        ("Islamic Republic", "zangezur-iran-fears-influence", (), "zangezur"),
    ],
)
def test_passage_words_find_the_passage(
    query: str, passage: str, segments: tuple[str, ...], corridor: str
) -> None:
    hits = [hit for hit in search(INDEX, query) if hit.kind == "passage"]
    assert [(h.passage_id, h.segment_ids, h.corridor_id) for h in hits] == [
        (passage, segments, corridor)
    ]
    hit = hits[0]
    assert (hit.field, hit.score < 1.0) == ("passage", True)
    assert query.split(maxsplit=1)[0][:4].lower() in hit.matched.lower()
    assert len(hit.matched) < len(SHIPPED.passages[passage].text) + 2
    names = {s.name for s in SHIPPED.segments.values()} | {
        c.name for c in SHIPPED.corridors.values()
    }
    assert hit.label in names


def test_a_passage_snippet_is_one_line_around_the_match() -> None:
    hit = next(h for h in search(INDEX, "Khandouzi") if h.kind == "passage")
    assert hit.matched == (
        "Raisi’s Minister for Finance and Economic Affairs Ehsan Khandouzi, who was part of"
        " ministerial delegation to Russia, noted…"
    )
    assert hit.label == "Rasht–Astara railway"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        "—–-",
        ".*",
        "(((",
        "<>",
        "\\",
        "%_%",
        "\x00",
        "<script>alert(1)</script>",
        "x" * (MAX_QUERY_CHARS + 1),
        "Astara " * 40,
        "Astara" + " " * MAX_QUERY_CHARS,
    ],
)
def test_empty_hostile_and_overlong_queries_find_nothing(query: str) -> None:
    assert search(INDEX, query) == ()


@pytest.mark.parametrize(
    "query", ["Astara.*", "Astara(", "[Astara]", "<b>Astara</b>", "Astara|Baku", "Astara\\"]
)
def test_metacharacters_are_punctuation(query: str) -> None:
    # "<b>Astara</b>" is the words b, astara, b: never markup, never a pattern.
    expected = search(INDEX, " ".join(normalise(query)))
    assert search(INDEX, query) == expected


def test_a_query_of_the_longest_length_is_searched() -> None:
    assert top_segment("Astara Iran".ljust(MAX_QUERY_CHARS)) == "rasht-astara-railway"


@pytest.mark.parametrize("limit", [0, -1])
def test_no_hits_for_no_room(limit: int) -> None:
    assert search(INDEX, "Astara", limit=limit) == ()


def test_limit_keeps_the_best() -> None:
    assert search(INDEX, "railway", limit=3) == search(INDEX, "railway", limit=50)[:3]


def line(ident: str, name: str, aliases: tuple[str, ...] = (), year: int = 2020) -> Segment:
    return Segment(
        id=ident,
        corridor="test",
        name=name,
        aliases=aliases,
        mode="rail",
        countries=("IR",),
        statuses=(StatusEntry(year, "proposed", "event", ("quote",)),),
        passages=("quote",),
        precision="schematic",
        geometry_note="",
        length_km_stated=None,
        geometry={},
    )


def hand_made(segments: list[Segment]) -> Dataset:
    text = "The alpha line was proposed."
    return Dataset(
        segments={s.id: s for s in segments},
        corridors={"test": Corridor("test", "Test corridor", "test.geojson", ("Omega",), (), ())},
        passages={"quote": Passage("quote", "seed.txt", 0, len(text), text)},
        sources={},
        conflicts={},
        vocabulary=Vocabulary((), (), (), (), ()),
    )


HAND_MADE = [
    line("e-fuzzy", "Alpho"),
    line("d-word", "Old alpha line"),
    line("c-prefix", "Alphabet road"),
    line("b-alias", "Bravo", ("Alpha",), year=2021),
    line("a-exact", "Alpha"),
]


def test_exact_beats_prefix_beats_word_beats_fuzzy_beats_passage() -> None:
    hits = search(build_index(hand_made(HAND_MADE)), "alpha")
    assert [(h.kind, h.segment_ids[:1], h.field) for h in hits] == [
        ("segment", ("a-exact",), "name"),
        ("segment", ("b-alias",), "alias"),
        ("segment", ("c-prefix",), "name"),
        ("segment", ("d-word",), "name"),
        ("segment", ("e-fuzzy",), "name"),
        ("passage", ("a-exact",), "passage"),
    ]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Display order: first mentioned in 2020 by id, then b-alias, first mentioned in 2021.
    assert hits[-1].segment_ids == ("a-exact", "c-prefix", "d-word", "e-fuzzy", "b-alias")


def test_equal_scores_follow_display_order_then_id() -> None:
    twins = [line("b", "Same name", year=2019), line("a", "Same name"), line("c", "Same name")]
    hits = search(build_index(hand_made(twins)), "same name")
    assert [h.segment_ids for h in hits[:3]] == [("b",), ("a",), ("c",)]


def test_a_corridor_name_ranks_after_segments_scoring_the_same() -> None:
    hits = search(build_index(hand_made([line("x", "Omega"), line("y", "Other")])), "omega")
    assert [(h.kind, h.segment_ids) for h in hits] == [
        ("segment", ("x",)),
        ("corridor", ("x", "y")),
    ]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("alph", {"a-exact", "b-alias", "c-prefix", "d-word", "e-fuzzy"}),
        ("al", {"a-exact", "b-alias", "c-prefix", "d-word", "e-fuzzy"}),
        ("a", set()),  # one letter completes nothing
        ("line 2020", {"f-dated"}),
        ("line 2021", set()),  # numbers take no typos: 2021 is another year
    ],
)
def test_what_words_complete_and_what_takes_typos(query: str, found: set[str]) -> None:
    segments = [*HAND_MADE, line("f-dated", "Line 2020")]
    hits = search(build_index(hand_made(segments)), query)
    assert {h.segment_ids[0] for h in hits if h.kind == "segment"} == found


def test_results_do_not_depend_on_the_order_segments_were_read() -> None:
    backwards = replace(SHIPPED, segments=dict(reversed(SHIPPED.segments.items())))
    index: SearchIndex = build_index(backwards)
    for query in ("Astara", "M2", "railway", "Meghry", "corridor"):
        assert search(index, query) == search(INDEX, query) == search(INDEX, query)
