"""AppTest: the page runs on the shipped data and on a broken copy without a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.load import load_dataset
from geo.paths import DATA_ROOT_VARIABLE, DEFAULT_PATHS

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "app.py")


def run_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def test_app_shows_the_validated_summary_of_every_segment() -> None:
    at = run_app()
    assert not at.exception
    assert [e.value for e in at.error] == []
    segments = load_dataset(DEFAULT_PATHS).segments
    assert at.success[0].value.startswith("Data validated: ")
    assert f"{len(segments)} segments" in at.success[0].value
    table = at.dataframe[0].value
    assert sorted(table["id"]) == sorted(segments)


def test_app_reports_a_broken_file_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "data-set"
    for folder in ("seeds", "layers", "data"):
        shutil.copytree(REPO / folder, root / folder)
    passages = root / "data" / "passages.json"
    records = json.loads(passages.read_text(encoding="utf-8"))
    records[0]["start"] += 1
    passages.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.setenv(DATA_ROOT_VARIABLE, str(root))
    at = run_app()
    assert not at.exception
    assert "problem" in at.error[0].value
    assert f"data/passages.json: {records[0]['id']}: " in at.text[0].value
