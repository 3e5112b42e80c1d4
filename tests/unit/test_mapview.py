"""Map building: the base map stays constant, layers carry the shown segments, text is escaped."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from geo.assets import STATIC_DIR
from geo.load import load_dataset
from geo.mapview import (
    BASEMAP_FILE,
    Labels,
    build_base_map,
    build_layers,
    feature_of,
    latlon,
    midpoint,
)
from geo.models import Dataset
from geo.paths import BASEMAP as BASEMAP_PATH
from geo.paths import DataPaths
from geo.style import (
    HIT_WEIGHT,
    NARROW_HIT_WEIGHT,
    STATUS_LOOKS,
    casing_style,
    legend_html,
    line_style,
    swatch_svg,
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


def test_base_map_html_is_the_same_whatever_the_view_shows() -> None:
    first = build_base_map(HOME, tiles=False).get_root().render()
    second = build_base_map(HOME, tiles=False).get_root().render()
    strip = re.compile(r"_[0-9a-f]{32}")
    assert strip.sub("", first) == strip.sub("", second)
    assert "tile.openstreetmap.org" not in first
    assert "tile.openstreetmap.org" in build_base_map(HOME, tiles=True).get_root().render()


def test_base_map_loads_no_asset_from_the_internet() -> None:
    m = build_base_map(HOME, tiles=False)
    links = [url for _name, url in [*m.default_js, *m.default_css]]
    assert links
    assert not [link for link in links if link.startswith(("http:", "https:", "//"))]


def test_layers_hold_exactly_the_shown_segments(mini: Dataset) -> None:
    shown = shown_in(mini, 2020)
    halo, _lines, hits = build_layers(shown, None, Labels.of(mini))
    for hit_layer in hits._children.values():
        ids = [feature["id"] for feature in hit_layer.data["features"]]
        assert sorted(ids) == ["meghri-section", "rasht-astara"]
    assert not halo._children


def test_the_selected_segment_gets_a_halo_only_when_shown(mini: Dataset) -> None:
    shown = shown_in(mini, 2024)
    halo, _lines, _hits = build_layers(shown, "meghri-section", Labels.of(mini))
    (halo_layer,) = halo._children.values()
    assert [f["id"] for f in halo_layer.data["features"]] == ["meghri-section"]
    halo, _lines, _hits = build_layers(shown_in(mini, 2016), "meghri-section", Labels.of(mini))
    assert not halo._children


def test_feature_properties_are_html_escaped(mini: Dataset) -> None:
    item = shown_in(mini, 2024)[0]
    hostile = replace(item.segment, name='<img src=x onerror="alert(1)">')
    feature = feature_of(Shown(hostile, item.entry), Labels.of(mini))
    assert feature["properties"]["name"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert "<img" not in json.dumps(feature)


def test_hit_lines_are_invisible_wide_bands_under_narrow_ones(mini: Dataset) -> None:
    _halo, _lines, hits = build_layers(shown_in(mini, 2024), None, Labels.of(mini))
    wide, narrow = hits._children.values()
    styles = [layer.style_function(layer.data["features"][0]) for layer in (wide, narrow)]
    assert [style["weight"] for style in styles] == [HIT_WEIGHT, NARROW_HIT_WEIGHT]
    assert [style["opacity"] for style in styles] == [0.0, 0.0]


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


def test_legend_counts_and_escapes_labels(mini: Dataset) -> None:
    statuses = mini.vocabulary.statuses
    hostile = (replace(statuses[0], label="<script>x</script>"), *statuses[1:])
    counts = {term.id: 0 for term in statuses} | {"disputed": 2}
    html = legend_html(hostile, counts, mini.vocabulary.modes)
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; (0)" in html
    assert "Disputed (2)" in html
    assert swatch_svg("disputed") in html


def test_table_rows_follow_the_shown_segments(mini: Dataset) -> None:
    rows = table_rows(shown_in(mini, 2020), Labels.of(mini))
    assert [(row["id"], row["status"], row["since"]) for row in rows] == [
        ("rasht-astara", "Proposed", 2016),
        ("meghri-section", "Proposed", 2020),
    ]


def test_base_map_fetches_the_served_country_outlines() -> None:
    script = build_base_map(HOME, tiles=False).get_root().render()
    assert 'fetch("../../app/static/basemap/countries.geojson")' in script
    assert (STATIC_DIR / BASEMAP_FILE) == BASEMAP_PATH
    assert BASEMAP_PATH.is_file()
