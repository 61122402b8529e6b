"""Build twinning/data/world_map.json, the outlines the twinning maps are drawn from.

Run once, by hand, when the source changes (the output is committed):

    npm install --prefix var/node world-atlas@2.0.2
    python3 scripts/build_world_map.py

Source: Natural Earth 1:110m admin-0 countries (public domain,
https://www.naturalearthdata.com/), as TopoJSON in the npm package
`world-atlas` 2.0.2 (ISC licence, Mike Bostock). The script decodes the
TopoJSON, clips every country to the area of Dijon's twinning network (from
Dallas to Volgograd, Dakar to York, with a margin), simplifies the outlines
(Douglas-Peucker) and rounds coordinates to a tenth of a degree, so the whole
file is a few tens of kilobytes. Standard library only.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from twinning.maps import clip  # noqa: E402  (the same clipping as the pages)

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "var/node/node_modules/world-atlas/countries-110m.json"
TARGET = ROOT / "twinning/data/world_map.json"

# West, south, east, north, in degrees: wider than any map we draw, so the
# clipped edges stay outside the visible area.
CLIP = (-135.0, -5.0, 80.0, 78.0)
TOLERANCE = 0.2  # degrees, for Douglas-Peucker
MIN_SPAN = 0.6  # degrees: smaller islands are dropped


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points, tolerance):
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def compact(points):
    """Tenths of a degree, consecutive duplicates removed, as a flat list."""
    flat = []
    last = None
    for x, y in points:
        point = (round(x * 10), round(y * 10))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def main(source=SOURCE, target=TARGET):
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = []
        for polygon in polygons:
            for ring in polygon:
                points = clip(ring_points(ring, arcs), CLIP)
                if len(points) < 3:
                    continue
                xs = [p[0] for p in points]
                ys = [p[1] for p in points]
                if max(xs) - min(xs) < MIN_SPAN and max(ys) - min(ys) < MIN_SPAN:
                    continue
                flat = compact(simplify(points + [points[0]], TOLERANCE))
                if len(flat) >= 8:
                    rings.append(flat)
        if rings:
            countries.append(
                {"id": geometry.get("id"), "name": geometry["properties"]["name"]}
                | {"rings": rings}
            )
    data = {
        "source": "Natural Earth 1:110m admin-0 countries, public domain "
        "(naturalearthdata.com), via the npm package world-atlas 2.0.2 (ISC); "
        "built by scripts/build_world_map.py",
        "unit": "tenths of a degree, [longitude, latitude, ...] per ring",
        "clip": CLIP,
        "countries": countries,
    }
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(json.dumps(data, separators=(",", ":")) + "\n")
    points = sum(len(r) // 2 for c in countries for r in c["rings"])
    size = Path(target).stat().st_size
    sys.stdout.write(f"{target}: {len(countries)} countries, {points} points, ")
    sys.stdout.write(f"{size} bytes\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
