"""Running the app under AppTest from a link's query params, shared by the AppTest modules."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_app(**params: str | list[str]) -> AppTest:
    """A fresh session's first run of the app, opened with these query params."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def loaded(at: AppTest) -> AppTest:
    """The page once the map is up: a session's first run holds back the parts under the map
    (geo.session.hold_back) until the map's first report reruns the page; here, a second run."""
    return at.run()
