"""Corridor Atlas: page configuration, then the page from geo.ui."""

import streamlit as st

from geo import ui

st.set_page_config(page_title="Corridor Atlas", page_icon=":world_map:", layout="wide")
ui.render()
