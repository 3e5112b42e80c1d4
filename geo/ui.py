"""The Streamlit page: the only module of geo/ that talks to Streamlit."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.load import load_dataset
from geo.models import Dataset
from geo.paths import DataPaths, data_paths
from geo.summary import summarize
from geo.validate import validate


@st.cache_data(show_spinner=False)
def cached_problems(root: str) -> tuple[list[str], dict[str, int]]:
    """Validate the data set once per server, not on every rerun."""
    report = validate(DataPaths(Path(root)))
    return [str(problem) for problem in report.by_file()], dict(report.counts)


@st.cache_data(show_spinner=False)
def cached_dataset(root: str) -> Dataset:
    return load_dataset(DataPaths(Path(root)))


def render_problems(problems: list[str]) -> None:
    st.error(f"The data set has {len(problems)} problem(s); run `python -m geo.validate`.")
    # st.text shows data-derived text literally: nothing in it is rendered as markdown or HTML.
    st.text("\n".join(problems))


def render() -> None:
    """The placeholder page: validation result and a summary of every segment."""
    st.title("Corridor Atlas")
    st.caption(
        "Transport corridors between Russia, Iran and the South Caucasus, quoted from sources."
    )
    root = str(data_paths().root)
    problems, counts = cached_problems(root)
    if problems:
        render_problems(problems)
        return
    st.success(
        "Data validated: " + ", ".join(f"{number} {name}" for name, number in counts.items()) + "."
    )
    st.dataframe(summarize(cached_dataset(root)), hide_index=True, width="stretch")
