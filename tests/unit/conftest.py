"""Fixtures for unit tests: the mini data set, and a private copy of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"


@pytest.fixture
def mini_root() -> Path:
    """The committed mini data set (read only)."""
    return MINI


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A copy of the mini data set that a test may change."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root
