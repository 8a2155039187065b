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


def test_a_schematic_squares_name_reads_on_its_fill():
    """White on the darkest fill, near-black on a light one: the contrast rule of the pages, inside the map."""
    import json
    import re

    from geo.maps import build_map, schematic_layer
    from mcu_data.core import colours

    layer = schematic_layer(read_reference_csv("settlements.csv"))
    dark, light = "#7f2704", "#fff5eb"  # the ends of the sequential scale, written out
    first, second = layer["oktmo"].iloc[0], layer["oktmo"].iloc[1]
    fills = {first: dark, second: light}
    inks = {k: colours.ink_and_halo(v) for k, v in fills.items()}
    html = build_map(layer, fills, {}, colours.NO_DATA, leaflet=("x.js", "x.css"), label_inks=inks).get_root().render()
    names = dict(zip(layer["oktmo"], layer["name_ru"], strict=True))
    labels = [json.loads(f'"{text}"') for text in re.findall(r'"html": "((?:[^"\\]|\\.)*)"', html)]
    colour_of = {}
    for label in labels:
        found = re.search(r"color:(#[0-9a-f]{6}); text-shadow:[^>]*>([^<]+)</div>", label)
        if found:
            colour_of[found.group(2)] = found.group(1)
    assert colour_of[names[first]] == "#ffffff"
    assert colour_of[names[second]] == "#111111"
