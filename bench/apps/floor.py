"""Floor for `python -m bench`: the least an st_folium click and filter round trip can cost.

One segment (rasht-astara-railway's line from the data set) on a constant map; a click writes
one line in the sidebar (the segment's name and the click's number), and the year slider
changes the segment's id and colour through feature_group_to_add, so the map is never
re-created. Like the other apps, it honours
`?lat=&lon=&zoom=` for its initial view and loads Leaflet from the app's static files.
"""

import json
import os
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import use_local_assets

SEGMENT = "rasht-astara-railway"
COLOURS = ("#0072B2", "#D55E00")


@st.cache_data
def load(root: str) -> tuple[dict, str, int, int]:
    """The segment's geometry and name, and the data set's year span (the slider's range)."""
    geometry, name, years = None, "", []
    for path in sorted((Path(root) / "layers").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            properties = feature["properties"]
            years += [entry["year"] for entry in properties["statuses"]]
            if properties["id"] == SEGMENT:
                geometry, name = feature["geometry"], properties["name"]
    return geometry, name, min(years), max(years)


st.set_page_config(page_title="Floor", layout="wide")
geometry, name, first, last = load(os.environ.get("CORRIDOR_ATLAS_DATA", "."))
year = st.slider("Year", first, last, last)

params = st.query_params
m = folium.Map(
    location=[float(params.get("lat", 41.5)), float(params.get("lon", 50.0))],
    zoom_start=int(params.get("zoom", 5)),
    tiles=None,
)
use_local_assets(m)
group = folium.FeatureGroup(name="segment")
feature = {
    "type": "Feature",
    "properties": {"id": f"{SEGMENT}-{year}", "name": name},
    "geometry": geometry,
}
colour = COLOURS[year % 2]
folium.GeoJson(feature, style_function=lambda _f: {"color": colour, "weight": 6}).add_to(group)

output = st_folium(
    m,
    key="map",
    height=600,
    use_container_width=True,
    returned_objects=["last_object_clicked_count", "last_active_drawing"],
    feature_group_to_add=group,
)
# A change in the click count is a feature click (Leaflet counts one click several times, once
# per layer it bubbles through); the sidebar numbers the clicks so each one shows a new line.
count = output.get("last_object_clicked_count") if output else None
if count and count != st.session_state.get("seen"):
    st.session_state.seen = count
    st.session_state.clicks = st.session_state.get("clicks", 0) + 1
if st.session_state.get("clicks"):
    st.sidebar.write(f"{name}: click {st.session_state.clicks}")
