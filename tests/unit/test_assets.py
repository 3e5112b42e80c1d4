"""The map's vendored assets: the files match their manifest, and the map asks for no CDN."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import folium
import pytest

from geo.assets import STATIC_DIR, VENDOR_DIR, asset_path, check_manifest, use_local_assets

VENDOR = VENDOR_DIR
EXPECTED_FILES = {
    "leaflet": [
        "leaflet/LICENSE",
        "leaflet/images/layers-2x.png",
        "leaflet/images/layers.png",
        "leaflet/images/marker-icon-2x.png",
        "leaflet/images/marker-icon.png",
        "leaflet/images/marker-shadow.png",
        "leaflet/leaflet.css",
        "leaflet/leaflet.js",
    ],
}
LINE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Tbilisi to Baku"},
            "geometry": {"type": "LineString", "coordinates": [[44.8, 41.7], [49.9, 40.4]]},
        }
    ],
}


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
    return data


def corridor_map() -> folium.Map:
    """A map shaped like the app's: a GeoJson line with a tooltip, inside a feature group."""
    m = use_local_assets(folium.Map(location=[41.0, 45.0], zoom_start=5, tiles=None))
    group = folium.FeatureGroup(name="Corridors")
    folium.GeoJson(LINE, tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(group)
    group.add_to(m)
    return m


def walk(element: Any) -> Iterator[Any]:
    """Every element under the map, as streamlit_folium walks it to collect js and css links."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def test_manifest_names_packages_versions_and_licences() -> None:
    packages = manifest()["packages"]
    assert [(p["name"], p["version"], p["license"]) for p in packages] == [
        ("leaflet", "1.9.4", "BSD-2-Clause"),
    ]
    assert {p["name"]: [f["path"] for f in p["files"]] for p in packages} == EXPECTED_FILES


def test_manifest_sha256_matches_every_file() -> None:
    for package in manifest()["packages"]:
        for entry in package["files"]:
            data = (VENDOR / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
    assert check_manifest(STATIC_DIR) == []


def test_check_manifest_reports_missing_and_changed_files(tmp_path: Path) -> None:
    static = tmp_path / "static"
    shutil.copytree(STATIC_DIR / "vendor", static / "vendor")
    (static / "vendor" / "leaflet" / "leaflet.js").unlink()
    (static / "vendor" / "leaflet" / "leaflet.css").write_text("/* changed */\n", encoding="utf-8")
    changed = hashlib.sha256(b"/* changed */\n").hexdigest()
    listed = next(
        f["sha256"]
        for f in manifest()["packages"][0]["files"]
        if f["path"] == "leaflet/leaflet.css"
    )
    assert check_manifest(static) == [
        f"vendor/leaflet/leaflet.css: sha256 {changed}, manifest {listed}",
        "vendor/leaflet/leaflet.js: missing",
    ]


def test_check_manifest_reports_a_missing_manifest(tmp_path: Path) -> None:
    problems = check_manifest(tmp_path)
    assert problems == [
        f"{tmp_path / 'vendor' / 'manifest.json'}: missing; run python -m tools.vendor_assets"
    ]


def test_use_local_assets_sets_exactly_leaflet() -> None:
    m = use_local_assets(folium.Map(tiles=None))
    assert m.default_js == [
        ("leaflet", "../../app/static/vendor/leaflet/leaflet.js"),
    ]
    assert m.default_css == [("leaflet_css", "../../app/static/vendor/leaflet/leaflet.css")]
    # Set on the instance: folium's class-level defaults, shared by all maps, are left alone.
    assert folium.Map.default_js[0] == (
        "leaflet",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    )


def test_every_local_asset_url_names_a_file_under_static() -> None:
    m = use_local_assets(folium.Map(tiles=None))
    paths = [asset_path(url) for _, url in [*m.default_js, *m.default_css]]
    assert paths == [
        STATIC_DIR / "vendor/leaflet/leaflet.js",
        STATIC_DIR / "vendor/leaflet/leaflet.css",
    ]
    for path in paths:
        assert path is not None
        assert path.is_file(), path
    assert asset_path("https://code.jquery.com/jquery-3.7.1.min.js") is None


def test_no_element_of_the_map_asks_for_a_remote_url() -> None:
    m = corridor_map()
    # st_folium renders the figure before it collects links; rendering can add elements.
    m.get_root().render()
    js = [url for e in walk(m) for _, url in getattr(e, "default_js", [])]
    css = [url for e in walk(m) for _, url in getattr(e, "default_css", [])]
    assert js == [
        "../../app/static/vendor/leaflet/leaflet.js",
    ]
    assert css == ["../../app/static/vendor/leaflet/leaflet.css"]
    assert [url for url in js + css if url.startswith(("http://", "https://", "//"))] == []


@pytest.mark.parametrize(
    ("path", "first_line"),
    [
        ("leaflet/LICENSE", "BSD 2-Clause License"),
    ],
)
def test_licence_files_are_vendored(path: str, first_line: str) -> None:
    text = (VENDOR / path).read_text(encoding="utf-8")
    assert text.splitlines()[0] == first_line
