"""The Streamlit page: the only part of geo/ that talks to Streamlit (this package).

`page` lays the page out (the sidebar and the map are a fragment, so a map click reruns only
them), `cache` holds what is loaded and computed once per server, `actions` the widget
callbacks and URL writes, `parts` everything drawn around the map. All the deciding is done by
the pure modules of geo/; these only call Streamlit with what they decided.
"""

from geo.ui.page import render

__all__ = ["render"]
