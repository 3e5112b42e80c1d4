"""The README's two commands, CI and the data docs stay true to what the repository does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo import urlstate

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
RUN_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/streamlit run app.py"
)
TEST_COMMAND = "bash scripts/test.sh"


def code_blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", markdown, flags=re.S)]


def test_quick_start_is_exactly_the_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert code_blocks(quick_start) == [RUN_COMMAND, TEST_COMMAND]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == [TEST_COMMAND]


def test_test_script_installs_chromium_and_runs_pytest() -> None:
    script = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "apt-get install" in script and "chromium" in script
    assert script.rstrip().endswith('.venv/bin/python -m pytest "$@"')


def test_run_command_installs_what_the_app_imports() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    dependencies = pyproject.split("dependencies = [", 1)[1].split("]", 1)[0]
    for package in ("streamlit", "geopandas", "shapely", "folium", "streamlit-folium"):
        assert f'"{package}' in dependencies, package


@pytest.mark.parametrize(
    "term",
    json.loads((REPO / "data" / "vocabulary.json").read_text("utf-8"))["statuses"],
    ids=lambda term: term["id"],
)
def test_every_status_is_documented_in_the_readme(term: dict[str, str]) -> None:
    assert f"| {term['label']} |" in README


def test_gitattributes_keeps_seeds_byte_exact() -> None:
    attributes = (REPO / ".gitattributes").read_text(encoding="utf-8")
    assert re.search(r"^seeds/\*\* .*-text", attributes, flags=re.M)


def test_readme_screenshot_exists() -> None:
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert images, "the README shows a screenshot"
    for image in images:
        assert (REPO / image).is_file(), image


def test_every_url_parameter_is_documented() -> None:
    for name in (*urlstate.BOUND, *urlstate.OWN):
        assert f"`{name}`" in README, name
