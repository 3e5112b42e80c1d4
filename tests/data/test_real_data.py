"""The shipped data set: valid, complete, and true to the seeds it quotes."""

from __future__ import annotations

import hashlib
import json

import pytest

from geo.load import load_dataset, read_seed
from geo.models import Dataset
from geo.paths import DEFAULT_PATHS
from geo.validate import validate

REPO = DEFAULT_PATHS.root
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
NAMED_LAYERS = ["instc", "rasht-astara", "zangezur", "caspian-shipping", "goris-kapan"]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(DEFAULT_PATHS)


def test_the_shipped_data_set_validates_with_no_problem() -> None:
    report = validate(DEFAULT_PATHS)
    assert [str(p) for p in report.problems] == []
    assert report.counts["segments"] >= 20 and report.counts["passages"] >= 60


@pytest.mark.parametrize("name", NAMED_LAYERS)
def test_every_named_corridor_has_its_layer(name: str, dataset: Dataset) -> None:
    assert (DEFAULT_PATHS.layers / f"{name}.geojson").is_file()
    assert any(s.corridor == name for s in dataset.segments.values())


def test_fixture_vocabulary_is_the_real_one() -> None:
    fixture = REPO / "tests" / "fixtures" / "mini" / "data" / "vocabulary.json"
    assert json.loads(fixture.read_text("utf-8")) == json.loads(
        DEFAULT_PATHS.vocabulary.read_text("utf-8")
    )


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no ../shared/seeds beside this clone")
def test_seeds_are_byte_for_byte_the_shared_originals() -> None:
    ours = {p.name: p.read_bytes() for p in DEFAULT_PATHS.seeds.glob("*.txt")}
    theirs = {p.name: p.read_bytes() for p in SHARED_SEEDS.glob("*.txt")}
    assert ours == theirs


def test_sources_record_the_seed_hashes(dataset: Dataset) -> None:
    for path in DEFAULT_PATHS.seeds.glob("*.txt"):
        assert dataset.sources[path.name].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_passage_is_its_seed_slice(dataset: Dataset) -> None:
    seeds = {name: read_seed(DEFAULT_PATHS.seeds / name) for name in dataset.sources}
    for passage in dataset.passages.values():
        assert seeds[passage.seed][passage.start : passage.end] == passage.text, passage.id


def test_every_status_entry_cites_a_passage_and_segments_start_on_their_first_mention(
    dataset: Dataset,
) -> None:
    for segment in dataset.segments.values():
        assert all(entry.passages for entry in segment.statuses), segment.id
        assert segment.first_year == min(entry.year for entry in segment.statuses)


@pytest.mark.parametrize(
    ("segment", "year", "status"),
    [
        ("rasht-astara-railway", 2017, "financed"),
        ("rasht-astara-railway", 2022, "financed"),
        ("rasht-astara-railway", 2025, "under-construction"),
        ("zangezur-horadiz-aghband", 2021, "under-construction"),
        ("garmsar-incheh-borun-railway", 2019, "suspended"),
        ("goris-kapan-highway", 2021, "disputed"),
        ("iran-iraq-shalamcheh-basra", 2021, "agreed"),
    ],
)
def test_key_dated_statuses(dataset: Dataset, segment: str, year: int, status: str) -> None:
    assert (year, status) in {(e.year, e.status) for e in dataset.segments[segment].statuses}


@pytest.mark.parametrize(
    ("segment", "km"),
    [
        ("rasht-astara-railway", 162),
        ("zangezur-horadiz-aghband", 110),
        ("iran-iraq-shalamcheh-basra", 30),
    ],
)
def test_stated_lengths_are_quoted(dataset: Dataset, segment: str, km: int) -> None:
    stated = dataset.segments[segment].length_km_stated
    assert stated is not None and stated.km == km
    assert any(str(km) in dataset.passages[p].text for p in stated.passages)


def test_both_sides_of_the_five_billion_conflict_are_kept(dataset: Dataset) -> None:
    conflict = dataset.conflicts["five-billion-loan-scope"]
    texts = [dataset.passages[p].text for p in conflict.passages]
    assert any("power plant" in t for t in texts) and any("$5 billion" in t for t in texts)
