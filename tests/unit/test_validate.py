"""The validator: the mini data set passes, and each kind of broken data gives its exact problem."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geo.lines import PROJECT_REGION, decimals
from geo.paths import REPO_ROOT, DataPaths
from geo.problems import Problem
from geo.validate import main, validate

NS = "layers/north-south.geojson"
ZG = "layers/zangezur.geojson"
PASSAGES = "data/passages.json"
SOURCES = "data/sources.json"
CORRIDORS = "data/corridors.json"
CONFLICTS = "data/conflicts.json"
VOCABULARY = "data/vocabulary.json"
DELETE = object()

Mutation = Callable[[Path], None]


def _find(doc: Any, item: str) -> Any:
    """The feature with properties.id == item, the record with that id or seed, or the doc."""
    if item == "-":
        return doc
    if isinstance(doc, dict):
        return next(f for f in doc["features"] if f["properties"]["id"] == item)
    return next(r for r in doc if item in (r.get("id"), r.get("seed")))


def edit(file: str, item: str, change: Callable[[Any], object]) -> Mutation:
    """Apply `change` to one item of a JSON data file."""

    def mutate(root: Path) -> None:
        path = root / file
        doc = json.loads(path.read_text(encoding="utf-8"))
        change(_find(doc, item))
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    return mutate


def put(file: str, item: str, path: tuple[str | int, ...], value: Any) -> Mutation:
    """Set (or with DELETE remove) the value at `path` inside one item."""

    def change(target: Any) -> None:
        for part in path[:-1]:
            target = target[part]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return edit(file, item, change)


def add(file: str, item: str, path: tuple[str | int, ...], value: Any) -> Mutation:
    """Append `value` to the array at `path` inside one item."""

    def change(target: Any) -> None:
        for part in path:
            target = target[part]
        target.append(value)

    return edit(file, item, change)


def rewrite(file: str, old: str, new: str) -> Mutation:
    """Replace the first `old` in a file's text: for breaks JSON cannot express."""

    def mutate(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write_bytes(file: str, data: bytes) -> Mutation:
    def mutate(root: Path) -> None:
        (root / file).write_bytes(data)

    return mutate


def delete(file: str) -> Mutation:
    def mutate(root: Path) -> None:
        (root / file).unlink()

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


def append_to_seed(name: str, data: bytes) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / "seeds" / name
        path.write_bytes(path.read_bytes() + data)

    return mutate


def byte_offsets(root: Path) -> None:
    """Give a passage UTF-8 byte offsets instead of code-point offsets."""
    text = (root / "seeds/alpha.txt").read_text(encoding="utf-8")
    start, end = 314, 375  # alpha-rasht-astara-finance
    put(PASSAGES, "alpha-rasht-astara-finance", ("start",), len(text[:start].encode()))(root)
    put(PASSAGES, "alpha-rasht-astara-finance", ("end",), len(text[:end].encode()))(root)


STATUSES = ("properties", "statuses")
ORPHAN = {
    "id": "alpha-orphan",
    "seed": "alpha.txt",
    "start": 39,
    "end": 53,
    "text": "Caspian Review",
}
STATUS_IDS = (
    "unstated, proposed, agreed, financed, under-construction, operational, suspended, disputed"
)
UNCITED = "not cited by any segment, corridor or conflict"


def case(name: str, mutation: Mutation, *expected: str) -> Any:
    """One broken data set: the mutation, then every problem as `file: item: field: fragment`."""
    return pytest.param(mutation, list(expected), id=name)


BROKEN = [
    case(
        "bad-json",
        rewrite(ZG, '"FeatureCollection",', '"FeatureCollection"'),
        f"{ZG}: -: -: invalid JSON at line 3 column 3: Expecting ',' delimiter",
    ),
    case(
        "duplicate-json-key",
        rewrite(SOURCES, '"language": "en",', '"language": "en", "language": "en",'),
        f"{SOURCES}: -: -: invalid JSON: duplicate key 'language'",
    ),
    case("missing-file", delete(CONFLICTS), f"{CONFLICTS}: -: -: file not found"),
    case(
        "swapped-coordinates",
        put(NS, "mumbai-bandar-abbas", ("geometry", "coordinates", 0), [18.95, 72.84]),
        f"{NS}: mumbai-bandar-abbas: geometry.coordinates[0]: position [18.95, 72.84] is "
        "outside the project region (lon 20..90, lat 0..65); is it [lat, lon]?",
    ),
    case(
        "latitude-out-of-range",
        put(NS, "rasht-astara", ("geometry", "coordinates", 1, 1), 95),
        f"{NS}: rasht-astara: geometry.coordinates[1][1]: latitude 95 is out of range; "
        "expected -90 to 90",
    ),
    case(
        "too-many-decimals",
        put(NS, "rasht-astara", ("geometry", "coordinates", 0, 0), 49.5832123),
        f"{NS}: rasht-astara: geometry.coordinates[0][0]: longitude 49.5832123 has 7 decimals; "
        "expected at most 6",
    ),
    case(
        "land-line-leaves-its-countries",
        put(
            ZG,
            "meghri-section",
            ("geometry", "coordinates"),
            [[46.514, 38.882], [46.3, 38.7], [46.135, 38.864]],
        ),
        f"{ZG}: meghri-section: geometry: the line leaves its countries: (46.48547, 38.85773), "
        "4 km along it, is 3.3 km outside AM, in Iran (IR); expected every point within 3 km",
    ),
    case(
        "sea-lane-crosses-land",
        put(
            NS,
            "mumbai-bandar-abbas",
            ("geometry", "coordinates"),
            [[72.84, 18.95], [68.0, 22.0], [70.5, 24.5], [66.0, 25.0]],
        ),
        f"{NS}: mumbai-bandar-abbas: geometry: the sea lane crosses land: (68.98870, 22.98870), "
        "757 km along it, is 1.8 km inside India (IN); expected water except near its ports",
    ),
    case(
        "event-year-not-in-its-passages",
        put(NS, "rasht-astara", (*STATUSES, 1, "year"), 2022),
        f"{NS}: rasht-astara: statuses[1].year: 2022 appears in none of the entry's passages; "
        "expected dated_by 'event' to take the year a passage states",
    ),
    case(
        "publication-year-not-the-sources",
        put(ZG, "meghri-section", (*STATUSES, 1, "year"), 2023),
        f"{ZG}: meghri-section: statuses[1].year: 2023 is not the publication year of the "
        "passages' sources (2024)",
    ),
    case(
        "relative-year-too-early",
        put(
            ZG,
            "meghri-section",
            (*STATUSES, 1),
            {
                "year": 2021,
                "status": "disputed",
                "dated_by": "relative",
                "passages": ["beta-armenia-rejects"],
            },
        ),
        f"{ZG}: meghri-section: statuses[1].year: 2021 is neither the publication year of the "
        "passages' sources nor the year before (2024)",
    ),
    case(
        "note-states-an-unquoted-number",
        put(NS, "rasht-astara", (*STATUSES, 1, "note"), "Russia lent US$7 billion in 2023."),
        f"{NS}: rasht-astara: statuses[1].note: the note states 7, which none of the entry's "
        "passages does",
    ),
    case(
        "title-not-the-evidence-words",
        put(SOURCES, "alpha.txt", ("title",), "Corridor news"),
        f"{SOURCES}: alpha.txt: title: 'Corridor news' is not what its evidence says",
    ),
    case(
        "field-both-evidenced-and-inferred",
        put(SOURCES, "alpha.txt", ("inferred", "title"), "Guessed from the layout."),
        f"{SOURCES}: alpha.txt: inferred.title: title is both backed by evidence and inferred",
    ),
    case(
        "zero-length-line",
        put(ZG, "meghri-section", ("geometry", "coordinates"), [[46.55, 38.9], [46.55, 38.9]]),
        f"{ZG}: meghri-section: geometry.coordinates: zero-length line: all 2 positions are "
        "[46.55, 38.9]; expected at least two distinct positions",
    ),
    case(
        "zero-length-part-of-multilinestring",
        put(
            ZG,
            "horadiz-agbend",
            ("geometry",),
            {
                "type": "MultiLineString",
                "coordinates": [[[47.04, 39.45], [46.55, 38.9]], [[46.5, 38.9], [46.5, 38.9]]],
            },
        ),
        f"{ZG}: horadiz-agbend: geometry.coordinates[1]: zero-length line: all 2 positions are "
        "[46.5, 38.9]",
    ),
    case(
        "multilinestring-with-linestring-coordinates",
        put(ZG, "horadiz-agbend", ("geometry", "type"), "MultiLineString"),
        f"{ZG}: horadiz-agbend: geometry.coordinates: holds [lon, lat] positions, as a "
        "LineString does; expected an array of lines for a MultiLineString",
    ),
    case(
        "linestring-with-multilinestring-coordinates",
        put(ZG, "horadiz-agbend", ("geometry", "coordinates"), [[[47.04, 39.45], [46.55, 38.9]]]),
        f"{ZG}: horadiz-agbend: geometry.coordinates: holds lines, as a MultiLineString does; "
        "expected an array of [lon, lat] positions for a LineString",
    ),
    case(
        "position-with-one-number",
        put(ZG, "meghri-section", ("geometry", "coordinates", 2), [46.24]),
        f"{ZG}: meghri-section: geometry.coordinates[2]: is [46.24]; "
        "expected [lon, lat], two numbers",
    ),
    case(
        "missing-coordinates",
        put(ZG, "meghri-section", ("geometry", "coordinates"), DELETE),
        f"{ZG}: meghri-section: geometry.coordinates: required field is missing",
    ),
    case(
        "features-not-an-array",
        put(NS, "-", ("features",), {}),
        f"{NS}: -: features: is an object {{}}; expected array",
        f"{PASSAGES}: alpha-rasht-astara-proposed: id: {UNCITED}",
        f"{PASSAGES}: alpha-rasht-astara-finance: id: {UNCITED}",
        f"{PASSAGES}: alpha-ships-quote: id: {UNCITED}",
        f"{CONFLICTS}: rasht-astara-length: segments[0]: unknown segment 'rasht-astara'",
    ),
    case(
        "duplicate-segment-id-across-layers",
        put(ZG, "meghri-section", ("properties", "id"), "rasht-astara"),
        f"{ZG}: rasht-astara: id: duplicate segment id 'rasht-astara': also in {NS}; "
        "expected ids unique across all layers",
        f"{CORRIDORS}: zangezur: stated_lengths[0].segments[1]: unknown segment 'meghri-section'",
        f"{CONFLICTS}: zangezur-route: segments[0]: unknown segment 'meghri-section'",
    ),
    case(
        "unknown-status",
        put(NS, "rasht-astara", (*STATUSES, 0, "status"), "built"),
        f"{NS}: rasht-astara: statuses[0].status: unknown status 'built'; "
        f"expected one of: {STATUS_IDS}",
    ),
    case(
        "unknown-dated-by",
        put(NS, "rasht-astara", (*STATUSES, 1, "dated_by"), "rumour"),
        f"{NS}: rasht-astara: statuses[1].dated_by: unknown dated_by 'rumour'; "
        "expected one of: event, citation, relative, publication",
    ),
    case(
        "unknown-mode",
        put(NS, "mumbai-bandar-abbas", ("properties", "mode"), "air"),
        f"{NS}: mumbai-bandar-abbas: mode: unknown mode 'air'; "
        "expected one of: rail, road, sea, unspecified",
    ),
    case(
        "unsorted-statuses",
        edit(ZG, "meghri-section", lambda f: f["properties"]["statuses"].reverse()),
        f"{ZG}: meghri-section: statuses[1].year: statuses are not sorted by year: "
        "2024 comes before 2020; expected ascending years",
    ),
    case(
        "dangling-passage-id",
        add(NS, "rasht-astara", ("properties", "passages"), "no-such-passage"),
        f"{NS}: rasht-astara: passages[4]: unknown passage 'no-such-passage'; "
        "no such id in data/passages.json",
    ),
    case(
        "status-passage-not-in-segment-passages",
        put(
            NS,
            "rasht-astara",
            ("properties", "passages"),
            [
                "alpha-rasht-astara-proposed",
                "alpha-rasht-astara-length",
                "beta-rasht-astara-length",
            ],
        ),
        f"{NS}: rasht-astara: statuses[1].passages[0]: passage 'alpha-rasht-astara-finance' "
        "is not in the segment's own passages",
    ),
    case(
        "missing-required-field",
        put(NS, "rasht-astara", ("properties", "mode"), DELETE),
        f"{NS}: rasht-astara: mode: required field is missing",
    ),
    case(
        "stated-length-without-km",
        put(NS, "rasht-astara", ("properties", "length_km_stated", "km"), DELETE),
        f"{NS}: rasht-astara: length_km_stated.km: required field is missing",
    ),
    case(
        "wrong-type",
        put(PASSAGES, "alpha-corridor", ("start",), "81"),
        f"{PASSAGES}: alpha-corridor: start: is a string '81'; expected integer",
    ),
    case(
        "unexpected-field",
        put(CORRIDORS, "north-south", ("colour",), "red"),
        f"{CORRIDORS}: north-south: colour: unexpected field; "
        "expected only: id, name, layer, aliases, passages, stated_lengths",
    ),
    case(
        "empty-array-and-string",
        both(
            put(CONFLICTS, "zangezur-route", ("passages",), []),
            put(CONFLICTS, "zangezur-route", ("topic",), ""),
        ),
        f"{CONFLICTS}: zangezur-route: topic: is ''; expected at least 1 character(s)",
        f"{CONFLICTS}: zangezur-route: passages: has 0 items; expected at least 1",
    ),
    case(
        "repeated-alias",
        put(CORRIDORS, "north-south", ("aliases",), ["INSTC", "INSTC"]),
        f"{CORRIDORS}: north-south: aliases: has repeated items ['INSTC', 'INSTC']; "
        "expected each item once",
    ),
    case(
        "unknown-evidence-field",
        put(SOURCES, "alpha.txt", ("evidence", "editor"), {"start": 0, "end": 1, "text": "C"}),
        f"{SOURCES}: alpha.txt: evidence.editor: unexpected key: is 'editor'; "
        "expected one of: title, outlet, author, published, url, licence",
    ),
    case(
        "id-not-kebab-case",
        put(PASSAGES, "beta-iran-fa", ("id",), "Beta_Iran"),
        f"{PASSAGES}: Beta_Iran: id: 'Beta_Iran' does not match the pattern "
        "^[a-z0-9]+(-[a-z0-9]+)*$",
        f"{ZG}: meghri-section: passages[2]: unknown passage 'beta-iran-fa'; "
        "no such id in data/passages.json",
        f"{PASSAGES}: Beta_Iran: id: {UNCITED}",
    ),
    case(
        "quote-not-in-seed",
        put(
            PASSAGES,
            "alpha-rasht-astara-finance",
            ("text",),
            "Russia agreed in 2023 to lend 2.3 billion euros for the line.",
        ),
        f"{PASSAGES}: alpha-rasht-astara-finance: text: text does not match "
        "seeds/alpha.txt[314:375], which reads 'Russia agreed in 2023 to lend 1.3 billion "
        "euros …; the text does not occur anywhere in seeds/alpha.txt",
    ),
    case(
        "offsets-off-by-one",
        both(
            put(PASSAGES, "alpha-corridor", ("start",), 82),
            put(PASSAGES, "alpha-corridor", ("end",), 160),
        ),
        f"{PASSAGES}: alpha-corridor: start: text does not match seeds/alpha.txt[82:160]; "
        "the text occurs at [81:159] — offsets off by one?",
    ),
    case(
        "byte-offsets",
        byte_offsets,
        f"{PASSAGES}: alpha-rasht-astara-finance: start: text does not match "
        "seeds/alpha.txt[324:385]; the text occurs at [314:375] — "
        "the offsets look like UTF-8 byte offsets; expected code-point offsets",
    ),
    case(
        "offsets-past-the-end",
        put(PASSAGES, "beta-iran-fa", ("end",), 999),
        f"{PASSAGES}: beta-iran-fa: start: offsets [337:999] are outside seeds/beta.txt; "
        "expected 0 <= start < end <= 466",
    ),
    case(
        "speaker-not-in-text",
        put(PASSAGES, "alpha-ships-quote", ("speaker",), "Minister Petrov"),
        f"{PASSAGES}: alpha-ships-quote: speaker: speaker 'Minister Petrov' does not occur "
        "in the text",
    ),
    case(
        "passage-of-unknown-seed",
        put(PASSAGES, "alpha-corridor", ("seed",), "gamma.txt"),
        f"{PASSAGES}: alpha-corridor: seed: no seed file seeds/gamma.txt; "
        "expected one of: alpha.txt, beta.txt",
    ),
    case(
        "orphan-passage",
        add(PASSAGES, "-", (), ORPHAN),
        f"{PASSAGES}: alpha-orphan: id: {UNCITED}",
    ),
    case(
        "duplicate-passage-id",
        add(PASSAGES, "-", (), {**ORPHAN, "id": "alpha-corridor"}),
        f"{PASSAGES}: alpha-corridor: id: duplicate passage id: also at [0]; expected each id once",
    ),
    case(
        "seed-hash-mismatch",
        append_to_seed("beta.txt", b"\n"),
        f"{SOURCES}: beta.txt: sha256: ae0b075680aa… does not match seeds/beta.txt, which "
        "hashes to ",
    ),
    case(
        "seed-without-record-not-utf8",
        write_bytes("seeds/gamma.txt", b"caf\xe9"),
        "seeds/gamma.txt: -: -: not valid UTF-8",
        f"{SOURCES}: gamma.txt: seed: seeds/gamma.txt has no record; "
        "expected exactly one record per seed",
    ),
    case(
        "evidence-off-by-one",
        both(
            put(SOURCES, "alpha.txt", ("evidence", "author", "start"), 58),
            put(SOURCES, "alpha.txt", ("evidence", "author", "end"), 66),
        ),
        f"{SOURCES}: alpha.txt: evidence.author.start: text does not match "
        "seeds/alpha.txt[58:66]; the text occurs at [57:65] — offsets off by one?",
    ),
    case(
        "inferred-field-that-is-null",
        put(SOURCES, "beta.txt", ("published",), None),
        f"{ZG}: meghri-section: statuses[1].year: the passages' sources have no publication "
        "date; expected dated_by 'publication' only where the source is dated",
        f"{SOURCES}: beta.txt: inferred.published: published is null but inferred explains it; "
        "expected no entry for a null field",
    ),
    case(
        "field-neither-backed-nor-inferred",
        put(SOURCES, "beta.txt", ("inferred",), {}),
        f"{SOURCES}: beta.txt: published: published is '2024' but is neither backed by "
        "evidence nor explained in inferred; expected one of them",
    ),
    case(
        "empty-layer",
        put(ZG, "-", ("features",), []),
        f"{ZG}: -: features: empty layer: no features; expected at least one segment",
        f"{PASSAGES}: beta-zangezur-proposed: id: {UNCITED}",
        f"{PASSAGES}: beta-horadiz-works: id: {UNCITED}",
        f"{PASSAGES}: beta-armenia-rejects: id: {UNCITED}",
        f"{PASSAGES}: beta-iran-fa: id: {UNCITED}",
        f"{CORRIDORS}: zangezur: stated_lengths[0].segments[0]: unknown segment 'horadiz-agbend'",
        f"{CORRIDORS}: zangezur: stated_lengths[0].segments[1]: unknown segment 'meghri-section'",
        f"{CONFLICTS}: zangezur-route: segments[0]: unknown segment 'meghri-section'",
    ),
    case(
        "unknown-corridor",
        put(NS, "rasht-astara", ("properties", "corridor"), "nope"),
        f"{NS}: rasht-astara: corridor: unknown corridor 'nope'; "
        "expected one of: north-south, zangezur",
    ),
    case(
        "corridor-of-another-layer",
        put(NS, "rasht-astara", ("properties", "corridor"), "zangezur"),
        f"{NS}: rasht-astara: corridor: corridor 'zangezur' has layer 'zangezur.geojson' in "
        "data/corridors.json; expected the corridor whose layer is north-south.geojson",
    ),
    case(
        "layer-without-corridor",
        put(CORRIDORS, "zangezur", ("layer",), "nowhere.geojson"),
        f"{ZG}: horadiz-agbend: corridor: corridor 'zangezur' has layer 'nowhere.geojson'",
        f"{ZG}: meghri-section: corridor: corridor 'zangezur' has layer 'nowhere.geojson'",
        f"{CORRIDORS}: zangezur: layer: no layer file layers/nowhere.geojson; "
        "expected one of: north-south.geojson, zangezur.geojson",
        f"{ZG}: -: -: no corridor in data/corridors.json has layer 'zangezur.geojson'; "
        "expected exactly one",
    ),
    case(
        "stated-length-off",
        put(NS, "rasht-astara", ("properties", "length_km_stated", "km"), 300),
        f"{NS}: rasht-astara: length_km_stated.km: the drawn line is 154.0 km but the source "
        "states 300 km (-49%); expected within 15%, or a note saying why they differ",
    ),
    case(
        "corridor-stated-length-off",
        put(CORRIDORS, "zangezur", ("stated_lengths", 0, "km"), 60),
        f"{CORRIDORS}: zangezur: stated_lengths[0].km: the drawn sum of its 2 segments is "
        "139.1 km but the source states 60 km (+132%); expected within 15%",
    ),
    case(
        "unknown-conflict-kind",
        put(CONFLICTS, "rasht-astara-length", ("kind",), "feud"),
        f"{CONFLICTS}: rasht-astara-length: kind: unknown conflict kind 'feud'; "
        "expected one of: disagreement, ambiguity, geography",
    ),
    case(
        "conflict-passage-not-shown",
        add(CONFLICTS, "rasht-astara-length", ("passages",), "beta-armenia-rejects"),
        f"{CONFLICTS}: rasht-astara-length: passages[2]: passage 'beta-armenia-rejects' is not "
        "cited by the conflict's segments or their corridors",
    ),
    case(
        "duplicate-vocabulary-id",
        add(VOCABULARY, "-", ("statuses",), {"id": "unstated", "label": "x", "definition": "y"}),
        f"{VOCABULARY}: unstated: statuses[8].id: duplicate id in statuses; expected each id once",
    ),
]


def problems_of(root: Path) -> list[Problem]:
    return validate(DataPaths(root)).problems


def assert_problems(problems: list[Problem], expected: list[str]) -> None:
    """Exactly the expected problems, in order: file, item and field equal, message contains."""
    wanted = [line.split(": ", 3) for line in expected]
    shown = "\n".join(map(str, problems))
    assert [(p.file, p.item, p.field) for p in problems] == [tuple(w[:3]) for w in wanted], shown
    for problem, (*_, fragment) in zip(problems, wanted, strict=True):
        assert fragment in problem.message, shown


def test_mini_fixture_is_valid(mini_root: Path) -> None:
    report = validate(DataPaths(mini_root))
    assert report.problems == []
    assert report.summary() == (
        "OK: 2 layers, 4 segments, 11 passages, 2 sources, 2 corridors, 2 conflicts checked"
    )


@pytest.mark.parametrize(("mutation", "expected"), BROKEN)
def test_broken_data_is_reported(mini_copy: Path, mutation: Mutation, expected: list[str]) -> None:
    mutation(mini_copy)
    assert_problems(problems_of(mini_copy), expected)


def test_a_note_excuses_a_stated_length_that_differs(mini_copy: Path) -> None:
    put(
        NS,
        "rasht-astara",
        ("properties", "length_km_stated"),
        {"km": 300, "passages": ["alpha-rasht-astara-length"], "note": "Includes sidings."},
    )(mini_copy)
    assert problems_of(mini_copy) == []


def test_no_layers_at_all_is_reported(mini_copy: Path) -> None:
    for layer in (mini_copy / "layers").glob("*.geojson"):
        layer.unlink()
    problems = problems_of(mini_copy)
    assert problems[0] == Problem("layers", "-", "-", "no layer files; expected layers/*.geojson")
    assert (
        Problem(
            CORRIDORS,
            "zangezur",
            "layer",
            "no layer file layers/zangezur.geojson; expected one of: ",
        )
        in problems
    )


def test_all_problems_are_reported_in_one_run(mini_copy: Path) -> None:
    put(NS, "rasht-astara", (*STATUSES, 0, "status"), "built")(mini_copy)
    append_to_seed("beta.txt", b"\n")(mini_copy)
    rewrite(CONFLICTS, "[", "[[")(mini_copy)
    assert_problems(
        problems_of(mini_copy),
        [
            f"{CONFLICTS}: -: -: invalid JSON at line 28 column 1: Expecting ',' delimiter",
            f"{NS}: rasht-astara: statuses[0].status: unknown status 'built'",
            f"{SOURCES}: beta.txt: sha256: ae0b075680aa… does not match seeds/beta.txt",
        ],
    )


def test_problem_reads_file_item_field_message() -> None:
    problem = Problem("data/passages.json", "p-1", "start", "is -1; expected a value >= 0")
    assert str(problem) == "data/passages.json: p-1: start: is -1; expected a value >= 0"


def test_cli_exit_zero_and_summary_on_valid_data(
    mini_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(mini_root)]) == 0
    assert capsys.readouterr().out == (
        "OK: 2 layers, 4 segments, 11 passages, 2 sources, 2 corridors, 2 conflicts checked\n"
    )


def test_cli_prints_every_problem_and_exits_one(
    mini_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    put(NS, "rasht-astara", ("properties", "corridor"), "nope")(mini_copy)
    put(SOURCES, "alpha.txt", ("author",), None)(mini_copy)
    assert main(["--root", str(mini_copy)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "layers/north-south.geojson: rasht-astara: corridor: unknown corridor 'nope'; "
        "expected one of: north-south, zangezur",
        "data/sources.json: alpha.txt: evidence.author: author is null but has evidence; "
        "expected the value the evidence states",
        "2 problems in 2 files",
    ]


def test_module_runs_as_a_script(mini_copy: Path) -> None:
    put(PASSAGES, "alpha-ships-quote", ("speaker",), "Minister Petrov")(mini_copy)
    run = subprocess.run(
        [sys.executable, "-m", "geo.validate", "--root", str(mini_copy)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr == ""
    assert run.stdout.splitlines() == [
        "data/passages.json: alpha-ships-quote: speaker: speaker 'Minister Petrov' does not "
        "occur in the text; expected the name as the passage gives it",
        "1 problem in 1 file",
    ]


@pytest.mark.parametrize(
    ("value", "places"), [(49, 0), (49.5, 1), (49.583212, 6), (49.5832123, 7), (1e-07, 7)]
)
def test_decimals_counts_what_the_json_wrote(value: float, places: int) -> None:
    assert decimals(value) == places


def test_project_region_contains_the_caucasus_not_swapped_mumbai() -> None:
    assert PROJECT_REGION.contains(44.8, 41.7)  # Tbilisi
    assert not PROJECT_REGION.contains(18.95, 72.84)  # Mumbai as [lat, lon]


def test_cli_groups_problems_by_file(mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put(PASSAGES, "beta-iran-fa", ("id",), "Beta_Iran")(mini_copy)
    assert main(["--root", str(mini_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 3)[:3] for line in lines[:-1]] == [
        [PASSAGES, "Beta_Iran", "id"],
        [PASSAGES, "Beta_Iran", "id"],
        [ZG, "meghri-section", "passages[2]"],
    ]
    assert lines[-1] == "3 problems in 2 files"


def _json_paths(doc: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    children: list[tuple[Any, Any]] = []
    if isinstance(doc, dict):
        children = list(doc.items())
    elif isinstance(doc, list):
        children = list(enumerate(doc))
    return [path, *(p for key, value in children for p in _json_paths(value, (*path, key)))]


def _node(doc: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _replaced(doc: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(doc))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


WRONG_SCALARS: list[Any] = [-3, "x", True, None, 1.5]
WRONG_CONTAINERS: list[Any] = [[None], {"id": 5}, [], {}]


def _json_type(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    return "number" if isinstance(value, int | float) else type(value).__name__


def _wrong_values(path: tuple[str | int, ...], original: Any, index: int) -> list[Any]:
    """A scalar and a container of other JSON types than `original` (no null where allowed)."""
    nullable = path[-1:] == ("length_km_stated",)
    found = []
    for choices in (WRONG_SCALARS, WRONG_CONTAINERS):
        rotated = choices[index % len(choices) :] + choices[: index % len(choices)]
        found.append(
            next(
                value
                for value in rotated
                if _json_type(value) != _json_type(original) and not (value is None and nullable)
            )
        )
    return found


def test_values_of_a_wrong_type_anywhere_are_reported_not_raised(mini_copy: Path) -> None:
    """Give every node of every data file values of other types: a problem, never a crash."""
    crashes, silent = [], []
    files = sorted(p.relative_to(mini_copy).as_posix() for p in mini_copy.glob("*/*.*json"))
    for file in files:
        original = (mini_copy / file).read_text(encoding="utf-8")
        doc = json.loads(original)
        for index, path in enumerate(_json_paths(doc)):
            for value in _wrong_values(path, _node(doc, path), index):
                (mini_copy / file).write_text(json.dumps(_replaced(doc, path, value)), "utf-8")
                try:
                    problems = problems_of(mini_copy)
                except Exception as exc:  # the test collects every crash
                    crashes.append(f"{file} {path} = {value!r}: {exc!r}")
                    continue
                if not problems:
                    silent.append(f"{file} {path} = {value!r}")
        (mini_copy / file).write_text(original, encoding="utf-8")
    assert len(files) == 7
    assert crashes == [], "\n".join(crashes)
    assert silent == [], "\n".join(silent)
