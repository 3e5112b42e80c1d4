"""Records to folium objects: the constant base map and the layers a view adds to it (pure).

The base map never changes within a session (streamlit-folium re-mounts the map, resetting the
user's view, whenever its script changes); everything that depends on filters or selection goes
into the feature groups passed separately. GeoJSON keeps [lon, lat]; ``latlon`` is the one place
a GeoJSON position becomes the [lat, lon] that folium and Leaflet's API take.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.assets import asset_url, use_local_assets
from geo.models import Dataset, Segment
from geo.style import (
    HIT_WEIGHT,
    NARROW_HIT_WEIGHT,
    casing_style,
    highlight_style,
    hit_style,
    line_style,
)
from geo.timeline import Shown
from geo.urlstate import MAX_ZOOM, MIN_ZOOM, MapView

BASEMAP_PANE = "basemap"
BASEMAP_FILE = "basemap/countries.geojson"
"""Under static/, as geo.paths.BASEMAP."""
BASEMAP_Z = 150
"""Below Leaflet's tile pane (200): tiles, when they load, cover the outlines."""
LAND_STYLE = {"fillColor": "#E4E1D9", "fillOpacity": 1.0, "color": "#8F8A80", "weight": 0.7}
SEA_COLOUR = "#B9D3E0"
NATURAL_EARTH = "Country outlines: Natural Earth (public domain)"
OSM_TILES = "OpenStreetMap"
TOOLTIP_FIELDS = (
    ("name", "Segment"),
    ("status", "Status"),
    ("mode", "Mode"),
    ("corridor", "Corridor"),
)


@dataclass(frozen=True)
class Labels:
    """Display labels by id, from the vocabulary and the corridor records."""

    statuses: dict[str, str]
    modes: dict[str, str]
    corridors: dict[str, str]

    @classmethod
    def of(cls, dataset: Dataset) -> Labels:
        vocabulary = dataset.vocabulary
        return cls(
            statuses={term.id: term.label for term in vocabulary.statuses},
            modes={term.id: term.label for term in vocabulary.modes},
            corridors={corridor.id: corridor.name for corridor in dataset.corridors.values()},
        )


def latlon(position: Sequence[float]) -> list[float]:
    """A GeoJSON [lon, lat] position as folium's [lat, lon]: the only swap in the project."""
    lon, lat = position[0], position[1]
    return [lat, lon]


def midpoint(segment: Segment) -> list[float]:
    """A vertex halfway along the segment's vertices, as [lat, lon]: where to centre on it."""
    geometry = segment.geometry
    lines = geometry["coordinates"]
    line = lines if geometry["type"] == "LineString" else max(lines, key=len)
    return latlon(line[len(line) // 2])


class CountryOutlines(MacroElement):
    """The country outlines, fetched by the browser from the app's static files: half a
    megabyte that is then cached by the browser instead of re-sent with every rerun."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }})
            .then((response) => response.json())
            .then((data) => L.geoJSON(data, {{ this.options|tojson }})
                .addTo({{ this._parent.get_name() }}));
        {% endmacro %}
        """
    )

    def __init__(self, url: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "CountryOutlines"
        self.url = url
        self.options = {
            "style": LAND_STYLE,
            "interactive": False,
            "pane": BASEMAP_PANE,
            "attribution": NATURAL_EARTH,
        }


def build_base_map(home: MapView, tiles: bool) -> folium.Map:
    """The map every view shares: country outlines, tiles above them, local Leaflet assets."""
    m = folium.Map(
        location=[home.lat, home.lon],
        zoom_start=home.zoom,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        tiles=None,
        control_scale=True,
    )
    use_local_assets(m)
    # The Figure folium renders into; branca types it only as Element.
    root: Any = m.get_root()
    root.header.add_child(
        folium.Element(f"<style>.leaflet-container {{ background: {SEA_COLOUR}; }}</style>")
    )
    folium.map.CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z, pointer_events=False).add_to(m)
    CountryOutlines(asset_url(BASEMAP_FILE)).add_to(m)
    if tiles:
        folium.TileLayer(OSM_TILES, control=False).add_to(m)
    return m


def feature_of(item: Shown, labels: Labels) -> dict[str, Any]:
    """A shown segment as a GeoJSON Feature; every string property is HTML-escaped because
    folium's tooltips insert property values into the page as HTML."""
    segment, entry = item.segment, item.entry
    status = f"{labels.statuses.get(entry.status, entry.status)} (since {entry.year})"
    properties = {
        "id": segment.id,
        "name": segment.name,
        "status": status,
        "status_id": entry.status,
        "mode": labels.modes.get(segment.mode, segment.mode),
        "mode_id": segment.mode,
        "corridor": labels.corridors.get(segment.corridor, segment.corridor),
    }
    escaped = {key: html.escape(value) for key, value in properties.items()}
    return {
        "type": "Feature",
        "id": segment.id,
        "properties": escaped,
        "geometry": segment.geometry,
    }


def collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _styled(
    features: list[dict[str, Any]], name: str, style: Callable[[dict[str, Any]], dict[str, object]]
) -> folium.GeoJson:
    return folium.GeoJson(
        collection(features), name=name, style_function=style, interactive=False, control=False
    )


def extent(feature: dict[str, Any]) -> float:
    """The diagonal of a feature's bounding box in degrees: a cheap measure of its size."""
    geometry = feature["geometry"]
    lines = (
        [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    )
    lons = [position[0] for line in lines for position in line]
    lats = [position[1] for line in lines for position in line]
    return float(math.hypot(max(lons) - min(lons), max(lats) - min(lats)))


def _hit_layer(features: list[dict[str, Any]], name: str, width: int) -> folium.GeoJson:
    return folium.GeoJson(
        collection(features),
        name=name,
        style_function=lambda _f: hit_style(width),
        highlight_function=lambda _f: {"opacity": 0.12},
        tooltip=folium.GeoJsonTooltip(
            fields=[field for field, _ in TOOLTIP_FIELDS],
            aliases=[alias for _, alias in TOOLTIP_FIELDS],
            sticky=True,
        ),
        control=False,
    )


def build_layers(
    shown: list[Shown], selected: str | None, labels: Labels
) -> list[folium.FeatureGroup]:
    """What a view adds to the base map, bottom to top: the selection's halo, the edges and
    lines users see, and the invisible wide lines they click."""
    features = [feature_of(item, labels) for item in shown]
    halo = folium.FeatureGroup(name="selection", control=False)
    chosen = [feature for feature in features if feature["id"] == selected]
    if chosen:
        _styled(chosen, "halo", lambda f: highlight_style(f["properties"]["mode_id"])).add_to(halo)
    lines = folium.FeatureGroup(name="segments", control=False)
    edged = [feature for feature in features if casing_style(feature["properties"]["mode_id"])]
    if edged:
        _styled(edged, "edges", lambda f: casing_style(f["properties"]["mode_id"]) or {}).add_to(
            lines
        )
    if features:
        _styled(
            features,
            "lines",
            lambda f: line_style(f["properties"]["status_id"], f["properties"]["mode_id"]),
        ).add_to(lines)
    hits = folium.FeatureGroup(name="hit-areas", control=False)
    if features:
        # Wide bands catch near misses; narrow ones on top make a click on a line select that
        # line even where another segment's wide band overlaps it.
        # Short segments go last, on top, so that a long neighbour's band never buries them.
        by_extent = sorted(features, key=extent, reverse=True)
        for name, width in (("hits", HIT_WEIGHT), ("hits-narrow", NARROW_HIT_WEIGHT)):
            _hit_layer(by_extent, name, width).add_to(hits)
    return [halo, lines, hits]
