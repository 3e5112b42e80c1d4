"""Geometry builder for the corridor layers and the country basemap (dev tool, not app)."""
