"""Naive baseline for `python -m bench`: the map built the tutorial way, from scratch every rerun.

Every rerun reads the layer files and the passages with plain json (no st.cache_*), builds a
folium map with every layer as a plain GeoJson filtered to the chosen year, and hands it to
st_folium with the default returned objects; the sidebar shows the clicked segment's name and
all its passages. Two accommodations for the benchmark, not part of the tutorial shape: Leaflet
and jQuery come from the app's own static files (the browser may reach nothing off loopback),
and `?lat=&lon=&zoom=` set the initial view, so every app is clicked at the same close-up.
Run from the repository root (python -m bench does); CORRIDOR_ATLAS_DATA names another data set.
"""

import json
import os
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.assets import use_local_assets

st.set_page_config(page_title="Baseline", layout="wide")
root = Path(os.environ.get("CORRIDOR_ATLAS_DATA", "."))
layers = [
    json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((root / "layers").glob("*.geojson"))
]
passages = json.loads((root / "data" / "passages.json").read_text(encoding="utf-8"))
texts = {passage["id"]: passage["text"] for passage in passages}


def status_as_of(feature, year):
    """The latest status dated at or before the year; None before the first."""
    status = None
    for entry in feature["properties"]["statuses"]:
        if entry["year"] <= year:
            status = entry["status"]
    return status


years = [
    entry["year"]
    for layer in layers
    for feature in layer["features"]
    for entry in feature["properties"]["statuses"]
]
year = st.slider("Year", min(years), max(years), max(years))

# The two-line accommodation: the initial view from the URL (the benchmark's close-up).
params = st.query_params
m = folium.Map(
    location=[float(params.get("lat", 41.5)), float(params.get("lon", 50.0))],
    zoom_start=int(params.get("zoom", 5)),
    tiles=None,
)
use_local_assets(m)
for layer in layers:
    shown = []
    for feature in layer["features"]:
        status = status_as_of(feature, year)
        if status is not None:
            shown.append({**feature, "properties": {**feature["properties"], "status": status}})
    if shown:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": shown},
            tooltip=folium.GeoJsonTooltip(fields=["name", "status"]),
        ).add_to(m)

output = st_folium(m, height=600, use_container_width=True)

drawing = output.get("last_active_drawing") if output else None
if drawing:
    clicked = drawing["properties"]["id"]
    for layer in layers:
        for feature in layer["features"]:
            if feature["properties"]["id"] == clicked:
                st.sidebar.header(feature["properties"]["name"])
                for passage in feature["properties"]["passages"]:
                    st.sidebar.text(texts[passage])
