"""The map's JavaScript and CSS: the only module that knows their URLs, all served by the app.

tools/vendor_assets.py writes the files and static/vendor/manifest.json; Streamlit serves
static/ at app/static/ (server.enableStaticServing in .streamlit/config.toml).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import folium

from geo.paths import REPO_ROOT

STATIC_DIR = REPO_ROOT / "static"
"""The folder Streamlit serves: next to app.py, as static serving requires."""
VENDOR_DIR = STATIC_DIR / "vendor"
MANIFEST_NAME = "manifest.json"
"""Inside the vendor folder; lists each vendored file with its sha256."""

STATIC_URL = "../../app/static"
"""static/ as seen from streamlit-folium's frame, which Streamlit serves at
<base>/component/streamlit_folium.st_folium/index.html. Relative, so the map also loads
when the app runs under a server.baseUrlPath."""

# Name -> path under static/. The names are the ones folium gives these links, so a page
# folium renders itself keys them the same way as with its defaults.
LOCAL_JS = (("leaflet", "vendor/leaflet/leaflet.js"),)
"""No jQuery: only folium features the map does not use call $ (popups with HTML,
keep_in_front, GeoJson by URL); loading it cost the frame one more sequential request."""
LOCAL_CSS = (("leaflet_css", "vendor/leaflet/leaflet.css"),)


def asset_url(relative: str) -> str:
    """The URL the component frame loads for a file under static/."""
    return f"{STATIC_URL}/{relative}"


def asset_path(url: str) -> Path | None:
    """The file under static/ that an asset URL names, or None if it is not one of ours."""
    prefix = f"{STATIC_URL}/"
    path = url.partition("?")[0]
    return STATIC_DIR / path.removeprefix(prefix) if path.startswith(prefix) else None


def use_local_assets(m: folium.Map) -> folium.Map:
    """Make the map load Leaflet from the app instead of public CDNs.

    folium's defaults also pull Bootstrap and awesome-markers, for markers and popups
    styled with them; the map draws neither, so they are dropped, not vendored.
    """
    # Instance attributes: folium's class-level lists are shared by every map in the process.
    m.default_js = [(name, asset_url(path)) for name, path in LOCAL_JS]
    m.default_css = [(name, asset_url(path)) for name, path in LOCAL_CSS]
    return m


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_manifest(static_dir: Path) -> list[str]:
    """What is wrong with the vendored files under static_dir; empty when nothing is."""
    vendor = static_dir / "vendor"
    manifest = vendor / MANIFEST_NAME
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"{manifest}: missing; run python -m tools.vendor_assets"]
    except json.JSONDecodeError as error:
        return [f"{manifest}: not JSON ({error})"]
    packages = data.get("packages") if isinstance(data, dict) else None
    if not isinstance(packages, list):
        return [f"{manifest}: no list of packages"]

    problems: list[str] = []
    listed: set[str] = set()
    for package in packages:
        for entry in package.get("files", []) if isinstance(package, dict) else []:
            relative, expected = entry.get("path"), entry.get("sha256")
            listed.add(str(relative))
            path = vendor / str(relative)
            if not path.is_file():
                problems.append(f"vendor/{relative}: missing")
            elif sha256(path) != expected:
                problems.append(f"vendor/{relative}: sha256 {sha256(path)}, manifest {expected}")
    # Every file the map loads must be one the manifest vouches for.
    for _, loaded in (*LOCAL_JS, *LOCAL_CSS):
        if loaded.removeprefix("vendor/") not in listed:
            problems.append(f"{loaded}: loaded by the map but not in {MANIFEST_NAME}")
    return problems
