"""What a host reads stays true: requirements.txt against pyproject.toml, and the server config."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from streamlit import config

from tools import requirements as tool

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / ".streamlit" / "config.toml"
README = (REPO / "README.md").read_text(encoding="utf-8")


def pinned() -> dict[str, Requirement]:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    specs = [line for line in lines if line.strip() and not line.startswith("#")]
    parsed = [Requirement(spec) for spec in specs]
    assert len({canonicalize_name(r.name) for r in parsed}) == len(parsed), "a package twice"
    return {canonicalize_name(r.name): r for r in parsed}


def test_requirements_name_exactly_the_runtime_dependencies() -> None:
    declared = {canonicalize_name(r.name) for r in tool.runtime_requirements()}
    assert set(pinned()) == declared


@pytest.mark.parametrize("declared", tool.runtime_requirements(), ids=str)
def test_each_requirement_is_pinned_within_its_pyproject_range(declared: Requirement) -> None:
    requirement = pinned()[canonicalize_name(declared.name)]
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", requirement
    assert declared.specifier.contains(specifier.version, prereleases=True), requirement
    assert (requirement.extras, requirement.marker) == (declared.extras, declared.marker)


def test_requirements_say_how_they_are_made() -> None:
    text = (REPO / "requirements.txt").read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "python -m tools.requirements" in text.split("\n\n")[0]
    # Nothing that installs the project itself: app.py imports geo/ from the checkout.
    assert not [line for line in text.splitlines() if line.strip() in {".", "-e ."}]


def test_check_fails_on_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "requirements.txt"
    monkeypatch.setattr(tool, "REQUIREMENTS", target)
    assert tool.main(["--check"]) == 1, "a missing file is stale"
    target.write_text(tool.render(tool.runtime_requirements()).replace("==", "==0.", 1))
    assert tool.main(["--check"]) == 1, "an old pin is stale"
    assert tool.main([]) == 0
    assert tool.main(["--check"]) == 0


# The settings the deploy relies on, and why (the comments in config.toml say more).
EXPECTED = {
    "server.enableStaticServing": True,  # Leaflet and the segment file come from static/
    "server.headless": True,
    "server.runOnSave": False,
    "server.enableXsrfProtection": True,
    "browser.gatherUsageStats": False,
    "client.toolbarMode": "auto",
}


def test_config_parses_and_every_key_exists_in_this_streamlit() -> None:
    document = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    known = config.get_config_options()
    keys = [f"{section}.{key}" for section, table in document.items() for key in table]
    assert [key for key in keys if key not in known] == []


def test_config_holds_the_settings_the_deploy_relies_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamlit reads .streamlit/config.toml from the working directory, as `streamlit run` does.
    monkeypatch.chdir(REPO)
    options = config.get_config_options(force_reparse=True)
    for key, value in EXPECTED.items():
        assert (key, config.get_option(key)) == (key, value)
        assert options[key].where_defined == str(CONFIG), key
    # No traceback or exception message ever reaches a reader.
    assert config.get_option("client.showErrorDetails") in {"none", "type"}
    # The app takes no uploads.
    assert config.get_option("server.maxUploadSize") <= 1


def test_the_about_box_describes_the_app_in_the_readme_s_words() -> None:
    """app.py's description (its menu's About box: Streamlit offers no meta description) is the
    README's first sentence, so the two cannot drift apart."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    (value,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "DESCRIPTION"
    ]
    description = ast.literal_eval(value)
    first_paragraph = README.split("\n\n", 1)[1].split("\n\n", 1)[0]
    assert " ".join(first_paragraph.split()) == description
