"""Writes requirements.txt: pyproject.toml's runtime dependencies, pinned to this environment.

Streamlit Community Cloud installs the first dependency file it finds and takes requirements.txt
before pyproject.toml (which it would hand to poetry). Only third-party packages are listed:
`streamlit run app.py` puts app.py's folder on sys.path, so `geo` is imported from the checkout,
data files and all, without being installed. Each pin is the version installed here, the one the
test suite ran against. Run it with ``python -m tools.requirements``; ``--check`` exits non-zero
when the file is not what it would write.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
REQUIREMENTS = ROOT / "requirements.txt"
HEADER = """\
# Runtime dependencies for Streamlit Community Cloud, pinned to the versions the tests ran with
# on Python {python}. Generated from pyproject.toml's [project].dependencies by
# `python -m tools.requirements`; do not edit. `python -m tools.requirements --check` fails when
# this file is stale. The app's own code (geo/) is not listed: it runs from the checkout.
"""


def runtime_requirements(pyproject: Path = PYPROJECT) -> list[Requirement]:
    """The [project].dependencies of a pyproject.toml, parsed, in their written order."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return [Requirement(spec) for spec in project["dependencies"]]


def pin(requirement: Requirement) -> str:
    """One requirement pinned to its installed version, extras and markers kept."""
    version = metadata.version(requirement.name)
    if not requirement.specifier.contains(version, prereleases=True):
        raise SystemExit(
            f"error: {requirement.name} {version} is installed, "
            f"but pyproject.toml asks for {requirement.specifier}; reinstall with pip install -e ."
        )
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    marker = f"; {requirement.marker}" if requirement.marker else ""
    return f"{requirement.name}{extras}=={version}{marker}"


def render(requirements: list[Requirement]) -> str:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    lines = [pin(requirement) for requirement in requirements]
    return HEADER.format(python=python) + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.requirements", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if requirements.txt is stale")
    args = parser.parse_args(argv)
    wanted = render(runtime_requirements())
    if args.check:
        current = REQUIREMENTS.read_text(encoding="utf-8") if REQUIREMENTS.exists() else ""
        if current != wanted:
            print("requirements.txt is stale: run python -m tools.requirements", file=sys.stderr)
            return 1
        print("requirements.txt is up to date")
        return 0
    REQUIREMENTS.write_text(wanted, encoding="utf-8")
    print(f"wrote {REQUIREMENTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
