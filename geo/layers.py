"""Settlement layers: the verified centre points, and a user's boundary layer when one is loaded."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

WGS84 = "EPSG:4326"


def verified_centres(settlements: pd.DataFrame) -> gpd.GeoDataFrame:
    """Points only where the centre's coordinates are verified; the rest are left off, not guessed."""
    known = settlements[settlements["coord_verified"].astype(bool) & settlements["lat"].notna()]
    geometry = [Point(lon, lat) for lat, lon in zip(known["lat"], known["lon"], strict=True)]
    return gpd.GeoDataFrame(known[["oktmo", "name_ru", "population_2021"]].copy(), geometry=geometry, crs=WGS84)
