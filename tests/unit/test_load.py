"""Reading data files: strict JSON, seeds decoded as-is, and records built from the mini set."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.load import DataFileError, load_dataset, read_json, read_seed
from geo.models import (
    Conflict,
    Corridor,
    Passage,
    RouteLength,
    Segment,
    Source,
    StatedLength,
    StatusEntry,
)
from geo.paths import DataPaths

DASH = "\N{EN DASH}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            b'{"a": "caf\xe9"}',
            "not valid UTF-8 (invalid continuation byte at byte 10)",
            id="bad-utf8",
        ),
        pytest.param(
            b'{\n  "a": 1,\n  "b": 2\n  "c": 3\n}',
            "invalid JSON at line 4 column 3: Expecting ',' delimiter",
            id="bad-json",
        ),
        pytest.param(b'{"a": 1, "a": 2}', "invalid JSON: duplicate key 'a'", id="duplicate-key"),
        pytest.param(
            b'[{"x": {"a": 1}}, {"x": {"a": 1, "a": 1}}]',
            "invalid JSON: duplicate key 'a'",
            id="nested-duplicate-key",
        ),
        pytest.param(b'{"a": NaN}', "invalid JSON: NaN is not a JSON number", id="nan"),
        pytest.param(
            b'{"a": -Infinity}', "invalid JSON: -Infinity is not a JSON number", id="infinity"
        ),
    ],
)
def test_read_json_rejects_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as caught:
        read_json(path, "data/x.json")
    assert caught.value.path == "data/x.json"
    assert caught.value.message == message
    assert str(caught.value) == f"data/x.json: {message}"


def test_read_json_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"^data/none\.json: file not found$"):
        read_json(tmp_path / "none.json", "data/none.json")


def test_read_json_keeps_non_ascii_and_order(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(f'{{"b": "Rasht{DASH}Astara", "a": ["دالان"]}}'.encode())
    doc = read_json(path)
    assert doc == {"b": f"Rasht{DASH}Astara", "a": ["دالان"]}
    assert list(doc) == ["b", "a"]


def test_read_seed_offsets_count_code_points_and_keep_newlines(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(f"دالان {DASH} north\r\nsaid “yes”.\n".encode())
    text = read_seed(path)
    assert text == f"دالان {DASH} north\r\nsaid “yes”.\n"
    start = text.index("said")
    assert (start, text[start : start + 11]) == (15, "said “yes”.")
    assert len(text[:start].encode()) == 22  # what a byte offset would wrongly be


def test_read_seed_slices_the_mini_passages(mini_root: Path) -> None:
    dataset = load_dataset(DataPaths(mini_root))
    for passage in dataset.passages.values():
        seed = read_seed(mini_root / "seeds" / passage.seed)
        assert seed[passage.start : passage.end] == passage.text


def test_load_dataset_builds_the_mini_records(mini_root: Path) -> None:
    data = load_dataset(DataPaths(mini_root))
    assert list(data.segments) == [
        "rasht-astara",
        "mumbai-bandar-abbas",
        "horadiz-agbend",
        "meghri-section",
    ]
    assert data.segments["rasht-astara"] == Segment(
        id="rasht-astara",
        corridor="north-south",
        name=f"Rasht{DASH}Astara railway",
        aliases=("Rasht-Astara",),
        mode="rail",
        countries=("IR",),
        statuses=(
            StatusEntry(2016, "proposed", "event", ("alpha-rasht-astara-proposed",)),
            StatusEntry(2023, "financed", "event", ("alpha-rasht-astara-finance",)),
        ),
        passages=(
            "alpha-rasht-astara-proposed",
            "alpha-rasht-astara-length",
            "alpha-rasht-astara-finance",
            "beta-rasht-astara-length",
        ),
        precision="approximate",
        geometry_note=f"Straight lines Rasht {DASH} Rezvanshahr {DASH} Hashtpar {DASH} Astara.",
        length_km_stated=StatedLength(162, ("alpha-rasht-astara-length",)),
        geometry={},
    )
    assert data.segments["rasht-astara"].geometry["coordinates"][0] == [49.5832, 37.2808]
    assert data.segments["rasht-astara"].first_year == 2016
    assert data.segments["mumbai-bandar-abbas"].length_km_stated is None
    assert data.segments["horadiz-agbend"].length_km_stated == StatedLength(
        110, ("beta-horadiz-works",), "Drawn as straight lines; the railway winds along the river."
    )
    assert data.passages["beta-iran-fa"] == Passage(
        "beta-iran-fa", "beta.txt", 337, 369, "ایران با هر تغییر مرز مخالف است."
    )
    assert data.passages["alpha-ships-quote"].speaker == "Minister Ivanov"
    assert data.corridors["zangezur"] == Corridor(
        id="zangezur",
        name="Zangezur corridor",
        layer="zangezur.geojson",
        aliases=(),
        passages=(),
        stated_lengths=(
            RouteLength(
                "Horadiz to the Nakhchivan border",
                135,
                ("beta-route-length",),
                ("horadiz-agbend", "meghri-section"),
            ),
        ),
    )
    beta = data.sources["beta.txt"]
    assert beta == Source(
        "beta.txt",
        beta.sha256,
        "en",
        "گزارش کوتاه: دالان زنگزور",
        "Tehran Desk",
        None,
        "2024",
        None,
        None,
        {},
    )
    assert list(beta.inferred) == ["published"]
    assert (beta.year, data.sources["alpha.txt"].year) == (2024, 2023)
    assert data.conflicts["zangezur-route"] == Conflict(
        "zangezur-route",
        "ambiguity",
        "Which route the length is of",
        ("meghri-section",),
        ("beta-route-length",),
        "The stated length does not say whether it is road or rail.",
    )
    assert [t.id for t in data.vocabulary.conflict_kinds] == [
        "disagreement",
        "ambiguity",
        "geography",
    ]
    assert len(data.vocabulary.statuses) == 8
