"""Widget callbacks and URL writes: where Streamlit's session and query params meet geo.session."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import streamlit as st

from geo import session
from geo import urlstate as url
from geo.atlas import Atlas
from geo.chart import picked
from geo.layout import (
    Action,
)
from geo.mapevents import read_event
from geo.paths import data_paths
from geo.session import (
    MAP_KEY,
    TIMELINE_KEY,
    WRITTEN,
)
from geo.ui.cache import cached_atlas
from geo.urlstate import ViewState


def store() -> session.State:
    """The session's state as geo.session handles it (a str-keyed mapping)."""
    return cast(session.State, st.session_state)


def current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def own_params_now() -> tuple[tuple[str, str], ...]:
    """The URL's own params as they are now, to tell our writes from outside changes."""
    return tuple((key, value) for key in url.OWN for value in st.query_params.get_all(key))


def adopt_url(atlas: Atlas) -> None:
    """Take selection and view from the URL when it changed from outside (a link, Back)."""
    if st.session_state.get(WRITTEN) == own_params_now():
        return
    params = current_params()
    session.adopt(store(), url.read_own(params, atlas.choices))
    for key in params:
        if key not in url.BOUND and key not in url.OWN and key not in url.STREAMLIT_OWN:
            del st.query_params[key]


def on_map_change(atlas: Atlas) -> None:
    """Runs before the rerun a map interaction causes, so this run draws the new selection."""
    session.answer_map(store(), read_event(store().get(MAP_KEY)), atlas)


def on_table_select(atlas: Atlas, key: str, ids: list[str]) -> None:
    rows = st.session_state[key].selection.rows
    if rows and rows[0] < len(ids):
        session.pick_row(store(), ids[rows[0]], atlas)


def perform(action: Action) -> None:
    session.perform(store(), action, cached_atlas(str(data_paths().root)))


def flip(key: str) -> None:
    session.flip(store(), key)


def on_timeline_pick() -> None:
    point = picked(st.session_state[TIMELINE_KEY].selection)
    if point is not None:
        session.pick_point(store(), *point, cached_atlas(str(data_paths().root)))


def write_url(state: ViewState, atlas: Atlas) -> None:
    """Put selection and view in the URL, touching only what changed (each write is a
    browser-history entry)."""
    current = {key: st.query_params.get(key) for key in url.OWN if key in st.query_params}
    for key, value in url.changes(current, state, atlas.choices).items():
        if value is None:
            del st.query_params[key]
        else:
            st.query_params[key] = value
    st.session_state[WRITTEN] = own_params_now()


def write_reader_url(seed: str, passage: str | None, atlas: Atlas) -> None:
    """The reader's URL: its seed and passage, nothing of the map."""
    state = url.default_state(atlas.choices)
    write_url(replace(state, reader=seed, passage=passage), atlas)
