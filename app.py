"""Corridor Atlas: page configuration, then the page from geo.ui."""

import streamlit as st

from geo import ui

# What the app is, in the words of the README's first line. (A comment, not a docstring:
# Streamlit's magic writes any bare string of the main script onto the page.)
DESCRIPTION = (
    "A map of the transport corridors between Russia, Iran and the South Caucasus in which "
    "every segment, status, date, length and sum of money is backed by a verbatim passage from "
    "its sources."
)

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
