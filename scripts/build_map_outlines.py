#!/usr/bin/env python3
"""Build the outlines of the maps' own base layer from the Regionalatlas district outlines.

    python scripts/build_map_outlines.py districts_outline.geojson

Reads the outlines of the 400 districts (GeoJSON, each feature's ``id`` the district key;
Berlin and Hamburg have the 2-digit keys ``11`` and ``02``) and writes, into
``static/portal/geo/``:

- ``districts.geojson``: every district, ``id`` its 5-digit key (Berlin ``11000``,
  Hamburg ``02000``, the keys of the register);
- ``states.geojson``: the 16 federal states, ``id`` the 2-digit state key, dissolved from
  the simplified districts, so state and district lines lie on each other.

The districts are simplified as one coverage (GEOS's coverage simplification through
shapely): a border shared by two districts is simplified once, so the simplified
districts neither overlap nor leave gaps. The source outlines were simplified district by
district and overlap or leave slivers along many borders; they are cleaned into a coverage
first. Needs shapely (a development dependency; the portal itself does not use it).
"""

import argparse
import gzip
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = ROOT / "static" / "portal" / "geo"
# In degrees (about 1 km at Germany's latitudes): GEOS removes vertices whose triangle with
# its neighbours is smaller than this squared. Fine enough for a district filling a map at
# zoom 9 (the source itself is hardly finer), coarse enough to keep the districts under
# 100 KB gzipped.
TOLERANCE = 0.01
# Gaps narrower than this between neighbouring source outlines (up to a few hundred metres
# where the source simplified two neighbours apart) are given to a neighbour.
GAP_WIDTH = 0.03
# Three decimals are about 100 m, below what the simplification keeps anyway.
DECIMALS = 3
GRID = 10**-DECIMALS
# The city states are districts of their own; the source gives them the state key only.
CITY_STATE_KEYS = {"02": "02000", "11": "11000"}


def district_key(feature_id) -> str:
    key = str(feature_id)
    key = CITY_STATE_KEYS.get(key, key)
    if len(key) != 5 or not key.isdigit():
        raise ValueError(f"not a district key: {feature_id!r}")
    return key


def read_polygons(geometry: dict):
    """The feature's area as a valid (multi)polygon. Rounding the source to three decimals
    collapsed some small rings to fewer than four points; those are dropped."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else []
    if geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    parts = []
    for rings in polygons:
        if len(rings[0]) < 4:
            continue
        parts.append(Polygon(rings[0], [ring for ring in rings[1:] if len(ring) >= 4]))
    valid = shapely.make_valid(MultiPolygon(parts))
    # make_valid may return lines where a ring touched itself; only the area counts.
    areas = [
        part for part in shapely.get_parts(valid) if part.geom_type in {"Polygon", "MultiPolygon"}
    ]
    return shapely.union_all(areas)


def rounded(coordinates):
    if coordinates and isinstance(coordinates[0], float):
        return [round(value, DECIMALS) for value in coordinates]
    return [rounded(item) for item in coordinates]


def feature(key: str, geometry) -> dict:
    shape = mapping(geometry)
    return {
        "type": "Feature",
        "id": key,
        "properties": {},
        "geometry": {"type": shape["type"], "coordinates": rounded(shape["coordinates"])},
    }


def simplify_outlines(
    source: dict, *, tolerance: float = TOLERANCE, gap_width: float = GAP_WIDTH
) -> tuple[dict, dict]:
    """(districts, states) as GeoJSON FeatureCollections, sorted by key."""
    by_key = {}
    for item in source["features"]:
        key = district_key(item["id"])
        if key in by_key:
            raise ValueError(f"district {key} occurs twice")
        by_key[key] = read_polygons(item["geometry"])
    keys = sorted(by_key)
    coverage = shapely.coverage_clean([by_key[key] for key in keys], gap_width=gap_width)
    simplified = shapely.coverage_simplify(coverage, tolerance, simplify_boundary=True)
    districts = [shapely.set_precision(geometry, GRID) for geometry in simplified]

    members: dict[str, list] = {}
    for key, geometry in zip(keys, districts, strict=True):
        members.setdefault(key[:2], []).append(geometry)
    states = {
        code: shapely.set_precision(shapely.union_all(parts), GRID)
        for code, parts in members.items()
    }
    return (
        {
            "type": "FeatureCollection",
            "features": [feature(k, g) for k, g in zip(keys, districts, strict=True)],
        },
        {
            "type": "FeatureCollection",
            "features": [feature(code, states[code]) for code in sorted(states)],
        },
    )


def write(collection: dict, path: Path) -> str:
    data = json.dumps(collection, separators=(",", ":")).encode() + b"\n"
    path.write_bytes(data)
    compressed = len(gzip.compress(data, compresslevel=6))
    return f"{path.name}: {len(data) / 1000:.0f} KB, {compressed / 1000:.0f} KB gzipped"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="districts_outline.geojson (Regionalatlas)")
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    arguments = parser.parse_args(argv)
    source = json.loads(arguments.source.read_text(encoding="utf-8"))
    districts, states = simplify_outlines(source)
    arguments.output_dir.mkdir(parents=True, exist_ok=True)
    print(write(districts, arguments.output_dir / "districts.geojson"))
    print(write(states, arguments.output_dir / "states.geojson"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
