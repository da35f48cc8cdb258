"""The maps' own base layer: the shipped state and district outlines and the script that
builds them from the Regionalatlas outlines (scripts/build_map_outlines.py)."""

import gzip
import importlib.util
import json
from pathlib import Path

import pytest
from django.conf import settings

GEO = Path(settings.BASE_DIR) / "static" / "portal" / "geo"
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "build_map_outlines.py"
STATES = [f"{code:02d}" for code in range(1, 17)]
# What a map may fetch of the outlines, gzipped: a place's map loads both files.
DISTRICTS_BUDGET = 100_000
STATES_BUDGET = 30_000


def shipped(name: str) -> dict:
    return json.loads((GEO / name).read_text(encoding="utf-8"))


def coordinates(geometry: dict):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        for ring in polygon:
            yield from ring


def test_shipped_districts_are_the_400_districts_by_their_register_key():
    features = shipped("districts.geojson")["features"]
    keys = [feature["id"] for feature in features]
    assert len(keys) == len(set(keys)) == 400
    assert all(len(key) == 5 and key.isdigit() and key[:2] in STATES for key in keys)
    # The city states carry the key the register gives their single district.
    assert {"02000", "11000", "05513", "09162"} <= set(keys)
    assert {feature["geometry"]["type"] for feature in features} <= {"Polygon", "MultiPolygon"}


def test_shipped_states_are_the_16_federal_states():
    features = shipped("states.geojson")["features"]
    assert [feature["id"] for feature in features] == STATES


def test_shipped_outlines_lie_in_germany_with_three_decimals():
    for name in ("districts.geojson", "states.geojson"):
        for feature in shipped(name)["features"]:
            for longitude, latitude in coordinates(feature["geometry"]):
                assert 5.8 < longitude < 15.1 and 47.2 < latitude < 55.1, feature["id"]
                assert round(longitude, 3) == longitude and round(latitude, 3) == latitude


def test_outlines_a_page_loads_stay_within_their_weight():
    sizes = {
        name: len(gzip.compress((GEO / name).read_bytes(), compresslevel=6))
        for name in ("districts.geojson", "states.geojson")
    }
    assert sizes["districts.geojson"] <= DISTRICTS_BUDGET
    assert sizes["states.geojson"] <= STATES_BUDGET


# --- The build script ------------------------------------------------------------------------


@pytest.fixture
def build():
    pytest.importorskip("shapely")
    spec = importlib.util.spec_from_file_location("build_map_outlines", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def polygon(key, ring) -> dict:
    return {"type": "Feature", "id": key, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def square(key, west, south, east, north) -> dict:
    return polygon(key, [[west, south], [east, south], [east, north], [west, north], [west, south]])


def wavy_neighbours(overlap: float) -> dict:
    """Two districts of state 01 and Berlin, whose common border zigzags; the source's
    outlines of the two districts overlap by ``overlap`` degrees, as simplified apart."""
    zigzag = [[10.0 + (0.002 if step % 2 else 0.0), 53.0 + step * 0.01] for step in range(51)]
    west = [[9.5, 53.0], *zigzag, [9.5, 53.5], [9.5, 53.0]]
    east = [[10.5, 53.0], [10.5, 53.5], *[[x - overlap, y] for x, y in reversed(zigzag)]]
    east.append(east[0])
    return {
        "type": "FeatureCollection",
        "features": [
            polygon("01001", west),
            polygon("01002", east),
            square("11", 13.1, 52.3, 13.8, 52.7),
        ],
    }


def test_build_simplifies_neighbours_along_one_common_border(build):
    import shapely
    from shapely.geometry import shape

    districts, _ = build.simplify_outlines(wavy_neighbours(overlap=0.004))
    by_key = {feature["id"]: shape(feature["geometry"]) for feature in districts["features"]}
    west, east = by_key["01001"], by_key["01002"]
    # The zigzag (51 points) is gone, and the two sides still meet without gap or overlap.
    assert shapely.get_num_coordinates(west) < 15
    assert west.intersection(east).area == pytest.approx(0, abs=1e-9)
    assert west.union(east).geom_type == "Polygon"
    assert shapely.coverage_is_valid([west, east])


def test_build_gives_city_states_their_district_key_and_dissolves_the_states(build):
    from shapely.geometry import shape

    districts, states = build.simplify_outlines(wavy_neighbours(overlap=0))
    assert [feature["id"] for feature in districts["features"]] == ["01001", "01002", "11000"]
    assert [feature["id"] for feature in states["features"]] == ["01", "11"]
    schleswig_holstein = shape(states["features"][0]["geometry"])
    assert schleswig_holstein.geom_type == "Polygon"
    assert schleswig_holstein.area == pytest.approx(0.5, abs=0.01)


def test_build_refuses_a_feature_without_a_district_key(build):
    source = {"type": "FeatureCollection", "features": [square("Berlin", 13.1, 52.3, 13.8, 52.7)]}
    with pytest.raises(ValueError, match="not a district key"):
        build.simplify_outlines(source)
