"""Draws one route: resolves its waypoints and runs each leg through its router."""

from __future__ import annotations

from functools import cache

from tools.geometry.bank import route_bank
from tools.geometry.gazetteer import LonLat, resolve_node
from tools.geometry.model import Leg, Route
from tools.geometry.nodes import NODES_BY_ID
from tools.geometry.rail import route_rail, snap_to_rail
from tools.geometry.routes import ROUTES
from tools.geometry.sea import route_sea


@cache
def list_rail_node_ids() -> frozenset[str]:
    """Nodes that some rail leg snaps to the rail graph."""
    return frozenset(
        node_id
        for route in ROUTES
        for leg in route.legs
        if leg.router == "rail"
        for node_id in leg.waypoints
    )


def locate_leg_end(node_id: str) -> LonLat:
    """Where a non-graph leg starts or ends at a node.

    A town that a rail leg anywhere snaps to the graph is joined at that rail node, so that a
    straight or bank line meets the rail line it continues instead of the town centre.
    """
    node = NODES_BY_ID[node_id]
    point = resolve_node(node)
    if node.kind == "town" and node_id in list_rail_node_ids():
        return snap_to_rail(point)[0]
    return point


def draw_leg(leg: Leg) -> list[LonLat]:
    """Path of one leg in [lon, lat]."""
    points = [resolve_node(NODES_BY_ID[node_id]) for node_id in leg.waypoints]
    first, last = NODES_BY_ID[leg.waypoints[0]], NODES_BY_ID[leg.waypoints[-1]]
    if leg.router == "rail":
        path = route_rail(points)
        # Ports, border crossings and junctions are exact places: reach them off the graph.
        if first.kind == "point":
            path.insert(0, points[0])
        if last.kind == "point":
            path.append(points[-1])
        return path
    points[0], points[-1] = locate_leg_end(first.id), locate_leg_end(last.id)
    if leg.router == "waypoints":
        return points
    if leg.router == "sea":
        return route_sea(points)
    if leg.router == "bank" and leg.bank is not None:
        return route_bank(points, *leg.bank)
    raise ValueError(f"unknown router {leg.router!r}")


def draw_route(route: Route) -> list[LonLat]:
    """Concatenate the legs' paths; legs share their junction node."""
    path: list[LonLat] = []
    for leg in route.legs:
        path.extend(draw_leg(leg))
    return path
