"""GeoJSON (RFC 7946) for the portal's maps and API: points in longitude/latitude order."""

from collections.abc import Iterable
from decimal import Decimal

# Six decimals are about 0.1 m: more than any address needs, and RFC 7946 section 11.2
# recommends not to publish more precision than is meaningful.
PRECISION = 6


def _coordinate(value) -> float:
    return round(float(value), PRECISION)


def point_feature(
    *,
    latitude: float | Decimal | None,
    longitude: float | Decimal | None,
    properties: dict,
    id=None,
) -> dict | None:
    """One Point feature, or None when a coordinate is missing."""
    if latitude is None or longitude is None:
        return None
    feature = {
        "type": "Feature",
        # RFC 7946 section 3.1.1: longitude first, then latitude.
        "geometry": {
            "type": "Point",
            "coordinates": [_coordinate(longitude), _coordinate(latitude)],
        },
        "properties": properties,
    }
    if id is not None:
        feature["id"] = id
    return feature


def feature_collection(features: Iterable[dict | None], attribution: str = "") -> dict:
    """A FeatureCollection of the features that have a location; ``attribution`` credits
    the sources of the data (a foreign member, which RFC 7946 allows)."""
    collection = {
        "type": "FeatureCollection",
        "features": [feature for feature in features if feature is not None],
    }
    if attribution:
        collection["attribution"] = attribution
    return collection
