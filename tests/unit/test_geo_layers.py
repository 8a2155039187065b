"""Only verified centres become points."""

from geo.layers import verified_centres
from mcu_data.store.seed import read_reference_csv


def test_only_verified_points_are_placed():
    settlements = read_reference_csv("settlements.csv")
    settlements["coord_verified"] = settlements["coord_verified"].astype(str).str.lower() == "true"
    settlements["lat"] = settlements["lat"].astype(float)
    settlements["lon"] = settlements["lon"].astype(float)
    layer = verified_centres(settlements)
    assert set(layer["name_ru"]) == {"Борское", "Петровка"}
    assert layer.crs.to_epsg() == 4326
    borskoe = layer[layer["name_ru"] == "Борское"].geometry.iloc[0]
    assert (round(borskoe.y, 5), round(borskoe.x, 5)) == (53.02917, 51.70139)
