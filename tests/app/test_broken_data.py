"""AppTest: a data set with a broken layer or passage still starts, draws every valid segment
and names what is broken and what it leaves out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from geo.load import load_dataset
from geo.mapdata import read_mask
from geo.paths import DATA_ROOT_VARIABLE, DEFAULT_PATHS
from tests.app.test_app import map_state, segment_file

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")
DATASET = load_dataset(DEFAULT_PATHS)


def copy_data(tmp_path: Path) -> Path:
    root = tmp_path / "data-set"
    for folder in ("seeds", "layers", "data"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def edit_json(path: Path, change: Any) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def run_on(root: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(DATA_ROOT_VARIABLE, str(root))
    return AppTest.from_file(APP, default_timeout=60).run()


def drawn(at: AppTest) -> list[str]:
    order = [segment["id"] for segment in segment_file(at)["segments"]]
    return sorted(read_mask(map_state(at)["shown"], order))


def texts(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


def test_a_broken_segment_is_named_and_every_other_one_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_data(tmp_path)

    def break_year(doc: dict[str, Any]) -> None:
        doc["features"][0]["properties"]["statuses"][0]["year"] = "soon"

    layer = root / "layers" / "rasht-astara.geojson"
    broken = json.loads(layer.read_text(encoding="utf-8"))["features"][0]["properties"]["id"]
    edit_json(layer, break_year)
    at = run_on(root, monkeypatch)
    assert not at.exception
    assert "The rest of the data is shown below" in at.error[0].value
    assert f"layers/rasht-astara.geojson: {broken}: statuses[0].year: " in texts(at)
    assert f"layers/rasht-astara.geojson: {broken}: not drawn" in texts(at)
    assert drawn(at) == sorted(set(DATASET.segments) - {broken})


def test_an_unreadable_layer_leaves_out_that_layer_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_data(tmp_path)
    (root / "layers" / "goris-kapan.geojson").write_text("{ not json", encoding="utf-8")
    at = run_on(root, monkeypatch)
    assert not at.exception
    assert "layers/goris-kapan.geojson: -: -: " in texts(at)
    assert "layers/goris-kapan.geojson: no segment drawn: the file cannot be read" in texts(at)
    gone = {s.id for s in DATASET.segments.values() if s.corridor == "goris-kapan"}
    assert drawn(at) == sorted(set(DATASET.segments) - gone)


def test_a_broken_passage_takes_only_the_segments_it_backs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_data(tmp_path)
    passage = DATASET.passages["rasht-astara-5bn-loan"]

    def shift(doc: list[dict[str, Any]]) -> None:
        record = next(r for r in doc if r["id"] == passage.id)
        record["start"] += 1

    edit_json(root / "data" / "passages.json", shift)
    at = run_on(root, monkeypatch)
    assert not at.exception
    backed = {
        s.id for s in DATASET.segments.values()
        if passage.id in s.passages or any(passage.id in e.passages for e in s.statuses)
        or (s.length_km_stated and passage.id in s.length_km_stated.passages)
    }  # fmt: skip
    assert backed, "the passage backs a segment"
    assert f"data/passages.json: {passage.id}: start: " in texts(at)
    for segment_id in backed:
        assert f"{segment_id} (" in texts(at) and "not drawn: it cites" in texts(at)
    assert drawn(at) == sorted(set(DATASET.segments) - backed)


def test_a_broken_vocabulary_shows_only_the_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_data(tmp_path)
    (root / "data" / "vocabulary.json").write_text("[]", encoding="utf-8")
    at = run_on(root, monkeypatch)
    assert not at.exception
    assert "Nothing can be shown" in at.error[0].value
    assert "data/vocabulary.json" in texts(at)
    assert not [e for e in at.main if type(e).__name__ == "UnknownElement"]
