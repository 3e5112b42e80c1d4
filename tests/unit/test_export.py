"""The downloads on the real data set under realistic filters, and on a hand-made hostile one."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas
import jsonschema
import pytest
from shapely.geometry import shape

from geo.atlas import Atlas, load_atlas
from geo.export import (
    GENERATED_FROM,
    PASSAGE_COLUMNS,
    cite_segment,
    export_geojson,
    export_passages_csv,
)
from geo.models import Corridor, Dataset, Passage, Segment, Source, StatedLength, StatusEntry
from geo.paths import DEFAULT_PATHS
from geo.seeds import read_seeds
from geo.timeline import Filters, status_as_of
from geo.visible import Visible, find_visible

SCHEMA = Path(__file__).resolve().parent / "geojson-lines.schema.json"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

ALL = None
FILTER_SETS = [
    # (year, statuses, modes, corridors); ALL keeps every choice.
    (2015, ALL, ALL, ALL),
    (2016, ALL, ALL, ALL),
    (2021, ALL, ALL, ALL),
    (2022, {"financed", "under-construction", "suspended"}, ALL, ALL),
    (2025, ALL, {"rail"}, ALL),
    (2025, {"disputed", "proposed"}, ALL, {"zangezur", "goris-kapan"}),
    (2025, ALL, {"sea", "road"}, {"caspian-shipping", "goris-kapan", "chabahar-mumbai"}),
    (2025, ALL, ALL, ALL),
]
Choice = set[str] | None


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(DEFAULT_PATHS)


@pytest.fixture(scope="module")
def dataset(atlas: Atlas) -> Dataset:
    return atlas.dataset


def visible_under(
    atlas: Atlas, year: int, statuses: Choice, modes: Choice, corridors: Choice
) -> Visible:
    choices = atlas.choices
    filters = Filters(
        year,
        frozenset(choices.statuses if statuses is None else statuses),
        frozenset(choices.modes if modes is None else modes),
        frozenset(choices.corridors if corridors is None else corridors),
    )
    return find_visible(atlas, filters)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def positions(geometry: dict[str, Any]) -> Iterator[list[float]]:
    lines = (
        [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    )
    for line in lines:
        yield from line


def stored_features() -> dict[str, dict[str, Any]]:
    """Every feature exactly as the layer files hold it, read without geo.load."""
    features = {}
    for path in DEFAULT_PATHS.layer_files():
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            features[feature["properties"]["id"]] = feature
    return features


# GeoJSON


@pytest.mark.parametrize("filter_set", FILTER_SETS)
def test_geojson_holds_exactly_the_visible_segments_in_order(
    atlas: Atlas, filter_set: tuple[int, Choice, Choice, Choice]
) -> None:
    visible = visible_under(atlas, *filter_set)
    doc = json.loads(export_geojson(atlas.dataset, visible.ids, filter_set[0]))
    assert [f["id"] for f in doc["features"]] == list(visible.ids)
    assert [f["properties"]["id"] for f in doc["features"]] == list(visible.ids)
    assert doc["year"] == filter_set[0]
    assert doc["generated_from"] == GENERATED_FROM


def test_the_filter_sets_are_not_all_alike(atlas: Atlas) -> None:
    # The table above only tests something if its filter sets show different segments.
    shown = {visible_under(atlas, *f).ids for f in FILTER_SETS}
    assert len(shown) == len(FILTER_SETS)
    assert () in shown


@pytest.mark.parametrize(
    ("filter_set", "expected"),
    [
        ((2015, ALL, ALL, ALL), []),
        ((2016, ALL, ALL, ALL), ["instc-astrakhan-samur", "instc-samur-astara"]),
        (
            (2022, {"financed", "under-construction", "suspended"}, ALL, ALL),
            ["rasht-astara-railway", "zangezur-horadiz-aghband", "garmsar-incheh-borun-railway"],
        ),
    ],
)
def test_geojson_of_known_views(
    atlas: Atlas, filter_set: tuple[int, Choice, Choice, Choice], expected: list[str]
) -> None:
    visible = visible_under(atlas, *filter_set)
    doc = json.loads(export_geojson(atlas.dataset, visible.ids, filter_set[0]))
    assert [f["id"] for f in doc["features"]] == expected


@pytest.mark.parametrize("filter_set", FILTER_SETS)
def test_geojson_status_is_the_timelines_status_as_of_the_year(
    atlas: Atlas, filter_set: tuple[int, Choice, Choice, Choice]
) -> None:
    year = filter_set[0]
    visible = visible_under(atlas, *filter_set)
    labels = {term.id: term.label for term in atlas.dataset.vocabulary.statuses}
    doc = json.loads(export_geojson(atlas.dataset, visible.ids, year))
    for feature, shown in zip(doc["features"], visible.shown, strict=True):
        entry = status_as_of(shown.segment, year)
        assert entry is not None
        props = feature["properties"]
        assert props["status_as_of"] == {"id": entry.status, "label": labels[entry.status]}
        assert props["status_as_of"]["id"] == shown.status
        assert (props["status_year"], props["dated_by"]) == (entry.year, entry.dated_by)


@pytest.mark.parametrize(
    ("segment_id", "year", "status", "status_year"),
    [
        ("rasht-astara-railway", 2016, None, None),
        ("rasht-astara-railway", 2017, "financed", 2017),
        ("rasht-astara-railway", 2024, "financed", 2022),
        ("rasht-astara-railway", 2025, "under-construction", 2025),
        ("zangezur-syunik-meghri", 2021, "agreed", 2020),
        ("garmsar-incheh-borun-railway", 2019, "suspended", 2019),
    ],
)
def test_geojson_status_of_one_segment_over_the_years(
    dataset: Dataset, segment_id: str, year: int, status: str | None, status_year: int | None
) -> None:
    props = json.loads(export_geojson(dataset, [segment_id], year))["features"][0]["properties"]
    assert (props["status_as_of"] or {}).get("id") == status
    assert props["status_year"] == status_year


def test_geojson_properties_are_the_segments_record(dataset: Dataset) -> None:
    props = json.loads(export_geojson(dataset, ["rasht-astara-railway"], 2022))["features"][0][
        "properties"
    ]
    stored = stored_features()["rasht-astara-railway"]["properties"]
    for key in ("id", "name", "mode", "countries", "aliases", "precision", "geometry_note"):
        assert props[key] == stored[key], key
    assert props["corridor"] == {
        "id": "rasht-astara",
        "name": dataset.corridors["rasht-astara"].name,
    }
    assert props["length_km_stated"] == {"note": None, **stored["length_km_stated"]}
    assert props["statuses"] == [{"note": None, **s} for s in stored["statuses"]]
    assert props["passages"] == stored["passages"]
    assert props["seeds"] == sorted({dataset.passages[p].seed for p in stored["passages"]})
    assert props["status_as_of"] == {"id": "financed", "label": "Financed"}
    assert (props["status_year"], props["dated_by"]) == (2022, stored["statuses"][1]["dated_by"])


def test_geojson_geometry_is_exactly_as_stored(dataset: Dataset) -> None:
    stored = stored_features()
    doc = json.loads(export_geojson(dataset, list(stored), 2025))
    for feature in doc["features"]:
        assert feature["geometry"] == stored[feature["id"]]["geometry"], feature["id"]


def test_geojson_passes_a_geojson_schema_and_rfc_7946_rules(dataset: Dataset) -> None:
    doc = json.loads(export_geojson(dataset, list(dataset.segments), 2025))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert "crs" not in doc
    assert set(doc) == {"type", "features", "year", "generated_from"}
    for feature in doc["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        for lon, lat in positions(feature["geometry"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90, (feature["id"], lon, lat)


def test_the_schema_rejects_what_rfc_7946_forbids() -> None:
    # The schema check above means something only if the schema can say no.
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    line = {"type": "LineString", "coordinates": [[49.0, 38.0], [49.1, 38.1]]}
    good = {"type": "Feature", "geometry": line, "properties": {}}
    for bad in (
        {"type": "FeatureCollection", "features": [good], "crs": {}},
        {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": line}]},
        {"type": "FeatureCollection", "features": [{**good, "type": "feature"}]},
        {
            "type": "FeatureCollection",
            "features": [{**good, "geometry": {**line, "coordinates": [[49, 38]]}}],
        },
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_geojson_reads_in_gdal_and_shapely(dataset: Dataset) -> None:
    ids = list(dataset.segments)
    text = export_geojson(dataset, ids, 2025)
    frame = geopandas.read_file(io.BytesIO(text.encode("utf-8")))
    assert list(frame["id"]) == ids
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()
    first = json.loads(text)["features"][0]["geometry"]["coordinates"][0]
    assert frame.geometry[0].coords[0] == tuple(first)  # GDAL read position[0] as x: longitude
    features = json.loads(text)["features"]
    assert list(geopandas.GeoDataFrame.from_features(features)["id"]) == ids
    for feature in features:
        assert shape(feature["geometry"]).is_valid, feature["id"]


def test_geojson_is_deterministic_utf8_text(dataset: Dataset) -> None:
    ids = ["zangezur-syunik-meghri", "rasht-astara-railway"]
    text = export_geojson(dataset, ids, 2022)
    assert text == export_geojson(dataset, ids, 2022)
    assert "Rasht\u2013Astara" in text  # ensure_ascii=False: the en dash itself
    assert "\\u2013" not in text
    assert [f["id"] for f in json.loads(text)["features"]] == ids


@pytest.mark.parametrize(
    ("ids", "error"),
    [
        (["rasht-astara-railway", "rasht-astara-railway"], ValueError),
        (["no-such-segment"], KeyError),
    ],
)
def test_geojson_refuses_repeated_or_unknown_ids(
    dataset: Dataset, ids: list[str], error: type[Exception]
) -> None:
    with pytest.raises(error):
        export_geojson(dataset, ids, 2025)


# CSV


@pytest.mark.parametrize("filter_set", FILTER_SETS)
def test_csv_rows_are_exactly_the_segment_passage_pairs(
    atlas: Atlas, filter_set: tuple[int, Choice, Choice, Choice]
) -> None:
    visible = visible_under(atlas, *filter_set)
    stored = stored_features()
    expected = []
    for segment_id in visible.ids:
        props = stored[segment_id]["properties"]
        cited = [*props["passages"], *(p for s in props["statuses"] for p in s["passages"])]
        cited += (props["length_km_stated"] or {}).get("passages", [])
        expected += [(segment_id, p) for p in dict.fromkeys(cited)]
    rows = csv_rows(export_passages_csv(atlas.dataset, visible.ids))
    assert [(r["segment_id"], r["passage_id"]) for r in rows] == expected


def test_every_csv_quote_is_its_seed_slice_and_its_passage(dataset: Dataset) -> None:
    seeds = read_seeds(DEFAULT_PATHS.seeds)
    rows = csv_rows(export_passages_csv(dataset, list(dataset.segments)))
    for row in rows:
        text = seeds[row["seed"]].text
        assert text is not None
        assert row["quote"] == text[int(row["start"]) : int(row["end"])], row["passage_id"]
        assert row["quote"] == dataset.passages[row["passage_id"]].text
    assert any("\n" in row["quote"] for row in rows)  # newlines were there to round-trip


def test_csv_is_rfc_4180_with_a_header(dataset: Dataset) -> None:
    text = export_passages_csv(dataset, ["rasht-astara-railway"])
    assert text.startswith(",".join(PASSAGE_COLUMNS) + "\r\n")
    assert text.endswith("\r\n")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(record) == len(PASSAGE_COLUMNS) for record in records)
    assert export_passages_csv(dataset, []) == ",".join(PASSAGE_COLUMNS) + "\r\n"


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        (
            "003_7b472f99fc17f628.txt",
            {
                "author": "Hazal Yalin",
                "title": "Iran and Russia: Three steps into strategic convergence",
                "outlet": "afgazad.com",
                "published": "2025-06-02",
                "inferred": "",
                "licence": "",
            },
        ),
        (
            "004_cde7561147019e39.txt",
            {"author": "Emil Avdaliani", "title": "", "published": "2025", "inferred": "published"},
        ),
        (
            "000_5554759c8c55f9f8.txt",
            {"author": "", "title": "", "published": "2022-01", "inferred": "published"},
        ),
    ],
)
def test_csv_cites_each_passages_source(
    dataset: Dataset, seed: str, expected: dict[str, str]
) -> None:
    rows = [
        r
        for r in csv_rows(export_passages_csv(dataset, list(dataset.segments)))
        if r["seed"] == seed
    ]
    assert rows
    for row in rows:
        assert {key: row[key] for key in expected} == expected


def test_csv_names_the_speaker_where_a_passage_has_one(dataset: Dataset) -> None:
    rows = csv_rows(export_passages_csv(dataset, list(dataset.segments)))
    spoken = {r["passage_id"]: r["speaker"] for r in rows if r["speaker"]}
    assert spoken == {
        p.id: p.speaker for p in dataset.passages.values() if p.speaker and p.id in spoken
    }
    assert "President Raisi" in spoken.values()


def test_no_shipped_cell_starts_like_a_formula(dataset: Dataset) -> None:
    # geo/export.py leaves cells exact instead of prefixing them; that is safe for
    # spreadsheet users only while no cell starts like this. If a data edit makes this
    # fail, decide again (see geo/export.py's docstring) rather than editing the test.
    rows = csv_rows(export_passages_csv(dataset, list(dataset.segments)))
    risky = [
        (r["passage_id"], k) for r in rows for k, v in r.items() if v.startswith(FORMULA_TRIGGERS)
    ]
    assert risky == []


# Hostile text

HOSTILE_QUOTE = "=cmd|' /C calc'!A0, \"quoted\", <script>alert(1)</script>\r\n- next line\n@last\n"
PLAIN_QUOTE = "'quoted' already, a lone CR \r and a trailing space "
HOSTILE_NAME = '<b>Road</b>, "A" & =1+1'
HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click")'


def source_of(seed: str, **fields: Any) -> Source:
    known = {"title": None, "outlet": None, "author": None, "published": None, "url": None}
    return Source(
        seed=seed,
        sha256="0" * 64,
        language="en",
        **{**known, "licence": None, "inferred": {}, **fields},
    )


@pytest.fixture(scope="module")
def hostile(dataset: Dataset) -> Dataset:
    """One segment quoting two sources, with text a CSV, a spreadsheet or HTML could misread."""
    passages = {
        "hostile-one": Passage(
            "hostile-one", "a.txt", 0, len(HOSTILE_QUOTE), HOSTILE_QUOTE, "@speaker"
        ),
        "plain-two": Passage("plain-two", "b.txt", 5, 10, PLAIN_QUOTE, None),
    }
    sources = {
        "a.txt": source_of(
            "a.txt",
            title=HOSTILE_TITLE,
            outlet="+Outlet, Ltd",
            author="-Author",
            published="2020",
            url="javascript:alert(1)",
            inferred={"published": "why", "author": "why"},
        ),
        "b.txt": source_of(
            "b.txt", title="Plain", url="https://example.org/a?b=1,c", licence="CC BY 4.0"
        ),
    }
    entry = StatusEntry(2020, "proposed", "event", ("hostile-one",), '=note "x"\n')
    segment = Segment(
        "hostile",
        "hostile-corridor",
        HOSTILE_NAME,
        ("=alias",),
        "road",
        ("AM",),
        (entry,),
        ("hostile-one", "plain-two"),
        "schematic",
        "<i>note</i>",
        StatedLength(12.5, ("plain-two",), None),
        {"type": "LineString", "coordinates": [[44.0, 40.0], [45.0, 39.5]]},
    )
    corridor = Corridor("hostile-corridor", 'Corridor, "quoted"', "x.geojson", (), (), ())
    return Dataset(
        {"hostile": segment}, {corridor.id: corridor}, passages, sources, {}, dataset.vocabulary
    )


def test_hostile_text_survives_the_csv_exactly(hostile: Dataset) -> None:
    rows = csv_rows(export_passages_csv(hostile, ["hostile"]))
    assert [(r["passage_id"], r["quote"]) for r in rows] == [
        ("hostile-one", HOSTILE_QUOTE),
        ("plain-two", PLAIN_QUOTE),
    ]
    first = rows[0]
    assert (first["segment_name"], first["title"], first["outlet"], first["author"]) == (
        HOSTILE_NAME,
        HOSTILE_TITLE,
        "+Outlet, Ltd",
        "-Author",
    )
    assert (first["speaker"], first["inferred"], first["url"]) == (
        "@speaker",
        "author published",
        "",
    )
    assert (rows[1]["url"], rows[1]["licence"]) == ("https://example.org/a?b=1,c", "CC BY 4.0")


def test_hostile_text_survives_the_geojson_exactly(hostile: Dataset) -> None:
    doc = json.loads(export_geojson(hostile, ["hostile"], 2021))
    props = doc["features"][0]["properties"]
    assert props["name"] == HOSTILE_NAME
    assert props["aliases"] == ["=alias"]
    assert props["geometry_note"] == "<i>note</i>"
    assert props["corridor"]["name"] == 'Corridor, "quoted"'
    assert props["statuses"][0]["note"] == '=note "x"\n'
    assert props["seeds"] == ["a.txt", "b.txt"]
    assert props["length_km_stated"] == {"km": 12.5, "passages": ["plain-two"], "note": None}


def test_hostile_citation_drops_the_unsafe_url_and_keeps_the_safe_one(hostile: Dataset) -> None:
    assert cite_segment(hostile, "hostile").splitlines() == [
        f"{HOSTILE_NAME} (hostile), Corridor Atlas; sources:",
        f'-Author (inferred), "{HOSTILE_TITLE}", +Outlet, Ltd, 2020 (inferred) (seed a.txt)',
        '"Plain", undated, https://example.org/a?b=1,c (seed b.txt)',
    ]


# Citation


@pytest.mark.parametrize(
    ("segment_id", "expected"),
    [
        (
            "rasht-astara-railway",
            [
                "Rasht\u2013Astara railway (rasht-astara-railway), Corridor Atlas; sources:",
                '"Iran\u2013Russia Relations under Raisi: The Eurasian Dimension", 2022 (inferred)'
                " (seed 002_413ac2ffaa53d0e7.txt)",
                "Emil Avdaliani, untitled document, 2025 (inferred)"
                " (seed 004_cde7561147019e39.txt)",
            ],
        ),
        (
            "instc-st-petersburg-moscow",
            [
                "INSTC: St. Petersburg\u2013Moscow (instc-st-petersburg-moscow),"
                " Corridor Atlas; sources:",
                'Hazal Yalin, "Iran and Russia: Three steps into strategic convergence",'
                " afgazad.com, 2025-06-02 (seed 003_7b472f99fc17f628.txt)",
            ],
        ),
    ],
)
def test_cite_segment_reads(dataset: Dataset, segment_id: str, expected: list[str]) -> None:
    assert cite_segment(dataset, segment_id).splitlines() == expected


def test_cite_segment_lists_each_source_once_and_marks_inferred_dates(dataset: Dataset) -> None:
    for segment in dataset.segments.values():
        head, *lines = cite_segment(dataset, segment.id).splitlines()
        assert head.startswith(f"{segment.name} ({segment.id}), Corridor Atlas")
        seeds = sorted({dataset.passages[p].seed for p in segment.passages})
        assert [line.rsplit("(seed ", 1)[1].rstrip(")") for line in lines] == seeds, segment.id
        for line, seed in zip(lines, seeds, strict=True):
            source = dataset.sources[seed]
            marked = f"{source.published} (inferred)" in line
            assert marked == ("published" in source.inferred), (segment.id, seed)
