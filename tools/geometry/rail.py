"""Shortest paths on the OSM-derived world railway graph shipped by scgraph-data."""

from __future__ import annotations

import heapq
import math
import sys
import types
from collections import defaultdict
from functools import cache
from itertools import pairwise

import numpy as np
import scgraph

from tools.geometry.gazetteer import LonLat

EARTH_RADIUS_KM = 6371.0088
# scgraph collapses junction-free chains into straight edges. Two edges here are longer than any
# real one and cross water or desert in a line (Turkmenistan-Aktau over the Kara-Bogaz-Gol,
# Zahedan-Quetta); drawing them would be worse than drawing nothing.
MAX_EDGE_KM = 400.0
# OSM lines have small breaks (a missing bridge or a station mapped as a separate piece).
# A line end this close to another piece is joined to it, at a cost that prefers real track.
MAX_GAP_KM = 10.0
GAP_COST_FACTOR = 2.0
# Pieces with less track than this are yards or stubs: never snap a place to them.
MIN_COMPONENT_KM = 30.0
# Only join gaps inside the map's region; the rest of the world is never routed.
REGION = (25.0, 10.0, 80.0, 62.0)

Adjacency = list[dict[int, float]]


def haversine_km(a: LonLat, b: LonLat) -> float:
    """Great-circle distance between two [lon, lat] points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def install_scgraph_core_shim() -> None:
    """Let scgraph-data 2.0.0 import under scgraph 3.x.

    scgraph-data's module does `from scgraph.core import GeoGraph`; scgraph 3 moved GeoGraph to
    the package root and dropped scgraph.core. The node and edge lists are plain data.
    """
    if "scgraph.core" not in sys.modules:
        shim = types.ModuleType("scgraph.core")
        shim.GeoGraph = scgraph.GeoGraph  # type: ignore[attr-defined]
        sys.modules["scgraph.core"] = shim


def label_components(adjacency: Adjacency) -> np.ndarray:
    """Connected-component id of every node."""
    labels = np.full(len(adjacency), -1, dtype=np.int64)
    for seed in range(len(adjacency)):
        if labels[seed] != -1:
            continue
        labels[seed] = seed
        stack = [seed]
        while stack:
            for neighbour in adjacency[stack.pop()]:
                if labels[neighbour] == -1:
                    labels[neighbour] = seed
                    stack.append(neighbour)
    return labels


def join_gaps(adjacency: Adjacency, nodes: np.ndarray) -> int:
    """Link each dangling line end in REGION to the nearest node of another piece nearby."""
    labels = label_components(adjacency)
    west, south, east, north = REGION
    cell = 0.1  # degrees; MAX_GAP_KM fits within the 3x3 neighbourhood at these latitudes
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for idx, (lat, lon) in enumerate(nodes):
        if west <= lon <= east and south <= lat <= north:
            grid[(int(lat // cell), int(lon // cell))].append(idx)
    joined = 0
    for (row, col), members in list(grid.items()):
        for idx in members:
            if len(adjacency[idx]) > 1:
                continue
            here = (float(nodes[idx][1]), float(nodes[idx][0]))
            best: tuple[float, int] | None = None
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    for other in grid.get((row + dr, col + dc), ()):
                        if labels[other] == labels[idx]:
                            continue
                        gap = haversine_km(here, (float(nodes[other][1]), float(nodes[other][0])))
                        if gap <= MAX_GAP_KM and (best is None or gap < best[0]):
                            best = (gap, other)
            if best is not None:
                cost = max(best[0], 0.001) * GAP_COST_FACTOR
                adjacency[idx][best[1]] = cost
                adjacency[best[1]][idx] = cost
                joined += 1
    return joined


@cache
def load_rail_graph() -> tuple[Adjacency, np.ndarray]:
    """The world railway graph as (adjacency in km, [lat, lon] nodes), cleaned for routing."""
    install_scgraph_core_shim()
    # Imported here, after the shim: the module needs scgraph.core at import time.
    from scgraph_data.world_railways import world_railways_geograph as geograph  # noqa: PLC0415

    nodes = np.asarray(geograph.nodes, dtype=float)
    adjacency: Adjacency = [
        {int(k): float(v) for k, v in edges.items() if int(k) != i}
        for i, edges in enumerate(geograph.graph)
    ]
    for origin, edges in enumerate(adjacency):
        a = (nodes[origin][1], nodes[origin][0])
        for dest in [d for d in edges if haversine_km(a, (nodes[d][1], nodes[d][0])) > MAX_EDGE_KM]:
            del edges[dest]
    join_gaps(adjacency, nodes)
    return adjacency, nodes


@cache
def index_network_nodes() -> np.ndarray:
    """Ids of the nodes that belong to a network rather than a detached yard or stub."""
    adjacency, _ = load_rail_graph()
    labels = label_components(adjacency)
    track_km: dict[int, float] = defaultdict(float)
    for origin, edges in enumerate(adjacency):
        track_km[int(labels[origin])] += sum(edges.values()) / 2
    return np.array([i for i, lab in enumerate(labels) if track_km[int(lab)] >= MIN_COMPONENT_KM])


def snap_to_rail(point: LonLat) -> tuple[LonLat, float]:
    """Return the nearest network node and its distance in km."""
    _, nodes = load_rail_graph()
    ids = index_network_nodes()
    coords = nodes[ids]
    dx = (coords[:, 1] - point[0]) * np.cos(np.radians(point[1]))
    dy = coords[:, 0] - point[1]
    lat, lon = coords[int(np.argmin(dx * dx + dy * dy))]
    node = (float(lon), float(lat))
    return node, haversine_km(point, node)


def find_node_id(point: LonLat) -> int:
    """Graph id of the network node at a snapped point."""
    _, nodes = load_rail_graph()
    ids = index_network_nodes()
    coords = nodes[ids]
    offsets = np.abs(coords[:, 0] - point[1]) + np.abs(coords[:, 1] - point[0])
    return int(ids[int(np.argmin(offsets))])


def find_path(origin: int, dest: int) -> list[int]:
    """A* shortest path by track km; the straight-line distance is the heuristic."""
    adjacency, nodes = load_rail_graph()
    target = (float(nodes[dest][1]), float(nodes[dest][0]))

    def estimate(idx: int) -> float:
        return haversine_km((float(nodes[idx][1]), float(nodes[idx][0])), target)

    best = {origin: 0.0}
    previous: dict[int, int] = {}
    queue = [(estimate(origin), origin)]
    while queue:
        _, current = heapq.heappop(queue)
        if current == dest:
            path = [dest]
            while path[-1] != origin:
                path.append(previous[path[-1]])
            return path[::-1]
        for neighbour, km in adjacency[current].items():
            cost = best[current] + km
            if cost < best.get(neighbour, math.inf):
                best[neighbour] = cost
                previous[neighbour] = current
                heapq.heappush(queue, (cost + estimate(neighbour), neighbour))
    raise ValueError(f"rail graph has no path between nodes {origin} and {dest}")


def route_rail(points: list[LonLat]) -> list[LonLat]:
    """Chain shortest rail paths between consecutive points, from snapped node to snapped node."""
    _, nodes = load_rail_graph()
    ids = [find_node_id(snap_to_rail(p)[0]) for p in points]
    path_ids: list[int] = [ids[0]]
    for origin, dest in pairwise(ids):
        if origin != dest:
            path_ids.extend(find_path(origin, dest)[1:])
    return [(float(nodes[i][1]), float(nodes[i][0])) for i in path_ids]
