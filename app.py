"""Corridor Atlas: page configuration, then the page from geo.ui; imported, the server's app."""

import streamlit as st
from starlette.middleware import Middleware

from geo.compression import CompressedBundles

# What the app is, in the words of the README's first line. (A comment, not a docstring:
# Streamlit's magic writes any bare string of the main script onto the page.)
DESCRIPTION = (
    "A map of the transport corridors between Russia, Iran and the South Caucasus in which "
    "every segment, status, date, length and sum of money is backed by a verbatim passage from "
    "its sources."
)

if __name__ == "__main__":
    # Streamlit runs this file as the page script, named __main__, on every rerun. The page's
    # modules are imported here, not above: imported with the server's app, before Streamlit's
    # runtime exists, their st.cache_data caches would not be the runtime's.
    from geo import ui

    # Streamlit has no page-description setting (no <meta name="description"> it can write), so
    # the description goes where Streamlit does offer one: the About box of the app's menu.
    st.set_page_config(
        page_title="Corridor Atlas",
        # The emoji itself, not its ":world_map:" shortcode: a shortcode makes the browser fetch
        # and parse Streamlit's 259 KB shortcode table before the map (python -m bench).
        page_icon="🗺️",
        layout="wide",
        menu_items={"About": f"**Corridor Atlas**\n\n{DESCRIPTION}"},
    )
    ui.render()
else:
    # `streamlit run app.py` finds this st.App, imports the file to get it and serves the page
    # through it, so that Streamlit's frontend goes out compressed (2.9 -> 0.9 MB on a first
    # visit; geo/compression.py says why Streamlit does not do it itself).
    app = st.App(__file__, middleware=[Middleware(CompressedBundles)])
