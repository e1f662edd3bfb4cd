"""Great-circle distance: the one definition the corpus views, queries and scorers use.

The Earth radius is the IUGG mean radius, 6371.0088 km (Moritz 2000, "Geodetic Reference
System 1980"): one radius everywhere, so a "within 161 km" check in the geo scorer and a
"within 50 km" filter in the corpus views measure the same way.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Kilometres between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    # min(): rounding can push h a hair above 1 for antipodal points, and asin(>1) raises.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
