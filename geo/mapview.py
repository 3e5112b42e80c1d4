"""Records to folium objects: the constant base map and the view state each rerun adds (pure).

The base map never changes within a session (streamlit-folium re-mounts the map, resetting the
user's view, whenever its script changes). It loads the segments from a static file; what
depends on filters or selection goes into a feature group that holds only a small view state
(geo/mapdata.py), which the browser applies without re-sending any geometry. GeoJSON keeps
[lon, lat]; ``latlon`` is the one place a GeoJSON position becomes the [lat, lon] that folium
and Leaflet take (the segment file is written with it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.assets import asset_url, use_local_assets
from geo.models import Dataset, Segment
from geo.style import CLICK_TOLERANCE
from geo.urlstate import MAX_ZOOM, MIN_ZOOM, MapView

BASEMAP_PANE = "basemap"
BASEMAP_FILE = "basemap/countries.geojson"
"""Under static/, as geo.paths.BASEMAP."""
SEGMENTS_SCRIPT = "atlas/segments.js"
"""Under static/: draws the segment file and applies view states."""
PREFETCH_SCRIPT = "atlas/prefetch.js"
"""Under static/: starts the segment file's request before the map's other scripts load."""
BASEMAP_Z = 150
"""Below Leaflet's tile pane (200): tiles, when they load, cover the outlines."""
LAND_STYLE = {"fillColor": "#E4E1D9", "fillOpacity": 1.0, "color": "#8F8A80", "weight": 0.7}
SEA_COLOUR = "#B9D3E0"
NATURAL_EARTH = "Country outlines: Natural Earth (public domain)"
OSM_TILES = "OpenStreetMap"


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
        // After the segments have drawn: the outlines are the larger file and the slower
        // to draw, and only a backdrop (tiles cover them when they load).
        corridorAtlas.whenDrawn(() => fetch({{ this.url|tojson }})
            .then((response) => response.json())
            .then((data) => L.geoJSON(data, {{ this.options|tojson }})
                .addTo({{ this._parent.get_name() }})));
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


def build_base_map(home: MapView, tiles: bool, segments: SegmentLayer) -> folium.Map:
    """The map every view shares: country outlines, tiles above them, the segment layer, local
    Leaflet assets."""
    m = folium.Map(
        location=[home.lat, home.lon],
        zoom_start=home.zoom,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        tiles=None,
        control_scale=True,
    )
    use_local_assets(m)
    prefetch = segments.prefetch_link()
    if prefetch is not None:
        # First in line: streamlit-folium loads the map's scripts one at a time, in order.
        m.default_js = [prefetch, *m.default_js]
    # The Figure folium renders into; branca types it only as Element.
    root: Any = m.get_root()
    root.header.add_child(
        folium.Element(f"<style>.leaflet-container {{ background: {SEA_COLOUR}; }}</style>")
    )
    folium.map.CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z, pointer_events=False).add_to(m)
    CountryOutlines(asset_url(BASEMAP_FILE)).add_to(m)
    if tiles:
        folium.TileLayer(OSM_TILES, control=False).add_to(m)
    segments.add_to(m)
    return m


class SegmentLayer(JSCSSMixin, MacroElement):
    """Every segment, drawn on a canvas by static/atlas/segments.js from the segment file,
    which the browser fetches once. Part of the constant base map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = corridorAtlas.segmentLayer({{ this.options|tojson }})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    # folium's JSCSSMixin declares default_js as a plain list attribute; a ClassVar would not
    # type-check against it. Nothing mutates it.
    default_js = [("corridor_atlas_segments", asset_url(SEGMENTS_SCRIPT))]  # noqa: RUF012

    def __init__(self, url: str | None, data: dict[str, Any] | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "SegmentLayer"
        # tojson escapes <, > and & in the embedded data, so no text in it can end the script.
        self.options = {"url": url, "data": data, "tolerance": CLICK_TOLERANCE}

    def prefetch_link(self) -> tuple[str, str] | None:
        """The script link that starts fetching the segment file, if the layer has one."""
        url = self.options["url"]
        if url is None:
            return None
        return (
            "corridor_atlas_prefetch",
            f"{asset_url(PREFETCH_SCRIPT)}?{urlencode({'file': url})}",
        )


class ViewApply(MacroElement):
    """One rerun's view state (year, shown mask, selection), applied to the segment layer."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridorAtlas.current.show({{ this.state|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, state: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ViewApply"
        self.state = state


def build_view(state: dict[str, Any]) -> folium.FeatureGroup:
    """What a rerun adds to the base map: no geometry, only the state to apply, so a click or a
    filter change sends a few hundred bytes whatever the number of segments."""
    group = folium.FeatureGroup(name="view", control=False)
    ViewApply(state).add_to(group)
    return group
