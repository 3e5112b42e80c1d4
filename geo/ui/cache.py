"""What the page loads and computes once per server: Streamlit caches over the pure core."""

from __future__ import annotations

import gc
from pathlib import Path

import streamlit as st

from geo.atlas import Atlas, load_atlas
from geo.layout import (
    Block,
    Names,
    reader_blocks,
    reader_sidebar,
    seed_titles,
)
from geo.panel import SegmentPanel, build_panel
from geo.paths import DataPaths
from geo.reader import build_reader
from geo.salvage import Salvage, salvage
from geo.search import SearchIndex, build_index
from geo.timeline import Filters
from geo.validate import validate
from geo.visible import Visible, find_visible


@st.cache_data(show_spinner=False)
def cached_problems(root: str) -> tuple[list[str], dict[str, int]]:
    """Validate the data set once per server, not on every rerun."""
    report = validate(DataPaths(Path(root)))
    return [str(problem) for problem in report.by_file()], dict(report.counts)


@st.cache_resource(show_spinner=False)
def cached_atlas(root: str) -> Atlas:
    """One read-only copy of the data per server, shared by every session.

    cache_resource, not cache_data: cache_data would unpickle a fresh copy of the seeds, layers
    and outlines on every rerun of every session. The Atlas is a frozen record that no code
    mutates, so sharing it is safe.
    """
    paths = DataPaths(Path(root))
    spared = cached_salvage(root).dataset if cached_problems(root)[0] else None
    atlas = load_atlas(paths, spared)
    keep_out_of_gc()
    return atlas


@st.cache_resource(show_spinner=False)
def cached_salvage(root: str) -> Salvage:
    """What a data set with problems can still show (read only when it has problems)."""
    paths = DataPaths(Path(root))
    return salvage(paths, validate(paths).problems)


def keep_out_of_gc() -> None:
    """Move everything loaded so far out of the cyclic garbage collector's reach.

    Streamlit runs gc.collect() after every script run (runner.postScriptGC). With the
    read-only data set tracked, each collection walked it: 85 ms per rerun on the shipped
    data, 300 ms at 10,000 segments. Frozen objects are never scanned; they live as long as
    the server anyway, and everything else is still collected as before.
    """
    gc.freeze()


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_visible(root: str, filters: Filters) -> Visible:
    """What a filter set shows, computed once per server and shared (read-only), so a click
    or a pan does not filter 10,000 segments again. A few recent filter sets are kept."""
    visible = find_visible(cached_atlas(root), filters)
    keep_out_of_gc()
    return visible


@st.cache_resource(show_spinner=False)
def cached_index(root: str) -> SearchIndex:
    """The search index, built once per server and shared (read-only)."""
    index = build_index(cached_atlas(root).dataset)
    keep_out_of_gc()
    return index


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_reader(
    root: str, seed: str, passage: str | None
) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """A seed's reader and the reader's sidebar, laid out once per server (read-only)."""
    atlas = cached_atlas(root)
    reader = build_reader(atlas.dataset, atlas.seeds, seed)
    body = reader_blocks(reader, Names.of(atlas.dataset), passage)
    return body, reader_sidebar(seed_titles(atlas.dataset, atlas.seeds), seed)


@st.cache_resource(show_spinner=False, max_entries=256)
def cached_panel(root: str, segment: str, year: int) -> SegmentPanel:
    """A segment's sidebar content as of a year, built once per server and shared (a frozen
    record): a click no longer re-measures the drawn line and re-quotes every passage
    (10 % of a click's script thread in python -m bench.profile)."""
    atlas = cached_atlas(root)
    return build_panel(atlas.dataset, atlas.seeds, segment, year, atlas.countries)
