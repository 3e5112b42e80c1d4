"""Map building: the base map stays constant and loads the segment layer; styles and legend."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.assets import STATIC_DIR, asset_path
from geo.load import load_dataset
from geo.mapview import (
    BASEMAP_FILE,
    PREFETCH_SCRIPT,
    SEGMENTS_SCRIPT,
    Labels,
    SegmentLayer,
    build_base_map,
    build_view,
    latlon,
    midpoint,
)
from geo.models import Dataset
from geo.paths import BASEMAP as BASEMAP_PATH
from geo.paths import DataPaths
from geo.style import (
    STATUS_LOOKS,
    casing_style,
    line_style,
)
from geo.table import table_rows
from geo.timeline import Filters, Shown, show_segments
from geo.urlstate import MapView

HOME = MapView(41.5, 50.0, 5)


@pytest.fixture
def mini(mini_root: Path) -> Dataset:
    return load_dataset(DataPaths(mini_root))


def shown_in(dataset: Dataset, year: int) -> list[Shown]:
    vocabulary = dataset.vocabulary
    filters = Filters(
        year,
        frozenset(t.id for t in vocabulary.statuses),
        frozenset(t.id for t in vocabulary.modes),
        frozenset(dataset.corridors),
    )
    return show_segments(dataset, filters)


def test_latlon_is_the_one_swap() -> None:
    assert latlon([49.5, 37.3]) == [37.3, 49.5]


def test_midpoint_is_a_vertex_of_the_line_as_lat_lon(mini: Dataset) -> None:
    segment = mini.segments["rasht-astara"]
    lat, lon = midpoint(segment)
    assert [lon, lat] in segment.geometry["coordinates"]


def base_map(tiles: bool = False) -> str:
    segments = SegmentLayer("../../app/static/generated/segments-0123.json")
    rendered: str = build_base_map(HOME, tiles, segments).get_root().render()
    return rendered


def test_base_map_html_is_the_same_whatever_the_view_shows() -> None:
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", base_map()) == strip.sub("", base_map())
    assert "tile.openstreetmap.org" not in base_map()
    assert "tile.openstreetmap.org" in base_map(tiles=True)


def test_base_map_loads_no_asset_from_the_internet() -> None:
    m = build_base_map(HOME, False, SegmentLayer("x.json"))
    links = [url for _name, url in [*m.default_js, *m.default_css, *SegmentLayer.default_js]]
    assert links
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]
    assert (STATIC_DIR / SEGMENTS_SCRIPT).is_file()


def test_the_segment_file_is_requested_before_leaflet_loads() -> None:
    m = build_base_map(HOME, False, SegmentLayer("../../app/static/generated/segments-0123.json"))
    name, first = m.default_js[0]
    assert name == "corridor_atlas_prefetch"
    assert first == (
        "../../app/static/atlas/prefetch.js"
        "?file=..%2F..%2Fapp%2Fstatic%2Fgenerated%2Fsegments-0123.json"
    )
    assert [url for _name, url in m.default_js[1:]] == [
        "../../app/static/vendor/leaflet/leaflet.js"
    ]
    assert asset_path(first) == STATIC_DIR / PREFETCH_SCRIPT
    assert asset_path(first).is_file()


def test_an_embedded_segment_layer_needs_no_prefetch() -> None:
    m = build_base_map(HOME, False, SegmentLayer(None, {"format": 1}))
    assert [name for name, _url in m.default_js] == ["leaflet"]


def test_base_map_draws_the_segment_file_by_url() -> None:
    script = base_map()
    assert "corridorAtlas.segmentLayer(" in script
    assert '"url": "../../app/static/generated/segments-0123.json"' in script


def test_embedded_segment_data_cannot_end_the_script() -> None:
    hostile = {"segments": [{"name": '</script><img src=x onerror="alert(1)">'}]}
    m = build_base_map(HOME, False, SegmentLayer(None, hostile))
    script = m.get_root().render()
    assert "</script><img" not in script
    assert "<img" not in script
    assert "\\u003c/script\\u003e" in script


def test_a_view_adds_only_its_state_to_the_map() -> None:
    state = {"data": "0123", "year": 2020, "shown": "Aw==", "selected": None}
    group = build_view(state)
    (element,) = group._children.values()
    assert element.state == state
    script = element._template.module.script(element)
    shown = script.split("corridorAtlas.current.show(")[1].rsplit(");", 1)[0]
    assert json.loads(shown) == state


@pytest.mark.parametrize("status", sorted(STATUS_LOOKS))
def test_each_status_has_its_own_colour_and_dash(status: str) -> None:
    others = [line_style(s, "rail") for s in STATUS_LOOKS if s != status]
    mine = line_style(status, "rail")
    assert all(mine["color"] != o["color"] for o in others)
    assert all(mine["dashArray"] != o["dashArray"] for o in others)


def test_modes_differ_by_edge() -> None:
    edges = {mode: casing_style(mode) for mode in ("rail", "road", "sea")}
    assert edges["sea"] is None
    assert edges["rail"] is not None and edges["road"] is not None
    assert edges["rail"]["color"] != edges["road"]["color"]


def test_table_rows_follow_the_shown_segments(mini: Dataset) -> None:
    rows = table_rows(shown_in(mini, 2020), Labels.of(mini))
    assert [(row["id"], row["status"], row["since"]) for row in rows] == [
        ("rasht-astara", "Proposed", 2016),
        ("meghri-section", "Proposed", 2020),
    ]


def test_base_map_fetches_the_served_country_outlines() -> None:
    script = base_map()
    assert 'fetch("../../app/static/basemap/countries.geojson")' in script
    assert (STATIC_DIR / BASEMAP_FILE) == BASEMAP_PATH
    assert BASEMAP_PATH.is_file()
