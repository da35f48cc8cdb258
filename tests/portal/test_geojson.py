from decimal import Decimal

from portal.geojson import feature_collection, point_feature


def test_point_feature_orders_longitude_before_latitude():
    feature = point_feature(
        latitude=Decimal("51.5177"), longitude=7.0857, properties={"name": "Gelsenkirchen"}, id=1
    )
    assert feature == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [7.0857, 51.5177]},
        "properties": {"name": "Gelsenkirchen"},
        "id": 1,
    }


def test_point_feature_without_coordinates_is_left_out():
    assert point_feature(latitude=None, longitude=7.0, properties={}) is None
    collection = feature_collection(
        [point_feature(latitude=None, longitude=None, properties={}), None]
    )
    assert collection == {"type": "FeatureCollection", "features": []}
