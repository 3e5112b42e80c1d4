"""Sea lanes from searoute's maritime network (Marnet), which also models the Caspian Sea."""

from __future__ import annotations

from itertools import pairwise

import searoute

from tools.geometry.gazetteer import LonLat


def route_sea(points: list[LonLat]) -> list[LonLat]:
    """Chain searoute lanes between consecutive points (ports or open-water waypoints).

    append_orig_dest makes each lane start and end exactly at the given points instead of at
    the nearest Marnet vertex, so a lane meets the rail line at the port node.
    """
    path: list[LonLat] = [points[0]]
    for origin, dest in pairwise(points):
        feature = searoute.searoute(list(origin), list(dest), append_orig_dest=True)
        coords = [(float(lon), float(lat)) for lon, lat in feature["geometry"]["coordinates"]]
        path.extend(coords[1:])
    return path
