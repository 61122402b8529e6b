"""SVG maps of the twinning network, drawn on the server.

The country outlines come from `twinning/data/world_map.json` (Natural Earth,
public domain; see `scripts/build_world_map.py`). Places are projected with an
equirectangular projection whose standard parallel runs through Europe, so the
map needs no JavaScript, no tile server and no third-party host.
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "world_map.json"

STANDARD_PARALLEL = 45.0  # degrees: keeps Europe's shapes right
SCALE = 8.0  # SVG units per degree of latitude
LABEL_SIZE = 13.0  # SVG units, the label font size of the network map
NETWORK_MARGIN = (7.0, 5.0)  # degrees around the towns, east-west and north-south
LOCATOR_MIN_SPAN = (22.0, 14.0)  # degrees shown at least around a town and Dijon

_X_FACTOR = math.cos(math.radians(STANDARD_PARALLEL)) * SCALE


def project(longitude, latitude):
    """SVG coordinates of a point (y grows southwards)."""
    return float(longitude) * _X_FACTOR, -float(latitude) * SCALE


@dataclass
class Place:
    """A point on the map: Dijon or a twin town."""

    name: str
    longitude: float
    latitude: float
    url: str = ""
    label: str = ""  # accessible name of the link
    kind: str = "town"  # "home" or a Town.Status value
    x: float = field(init=False)
    y: float = field(init=False)
    curve: str = ""  # SVG path of the line from Dijon
    label_x: float = 0
    label_y: float = 0
    anchor: str = "start"

    def __post_init__(self):
        self.x, self.y = project(self.longitude, self.latitude)


@dataclass
class Map:
    """Everything the SVG template needs."""

    view_box: tuple
    land: str
    home: Place
    towns: list
    label_size: float

    def __post_init__(self):
        for town in self.towns:
            town.curve = self.curve(town)

    @property
    def home_label_size(self):
        return _fmt(self.label_size * 1.2)

    @property
    def dot_radius(self):
        return _fmt(self.label_size * 0.38)

    @property
    def home_radius(self):
        return _fmt(self.label_size * 0.55)

    @property
    def stroke_width(self):
        return _fmt(self.label_size * 0.14)

    @property
    def view_box_attr(self):
        return " ".join(_fmt(v) for v in self.view_box)

    def curve(self, town):
        """A gentle arc from Dijon to a town, as an SVG path."""
        x0, y0, x1, y1 = self.home.x, self.home.y, town.x, town.y
        bend = 0.18
        cx = (x0 + x1) / 2 + (y1 - y0) * bend
        cy = (y0 + y1) / 2 - (x1 - x0) * bend
        if cy > (y0 + y1) / 2:  # always bow northwards
            cx = (x0 + x1) / 2 - (y1 - y0) * bend
            cy = (y0 + y1) / 2 + (x1 - x0) * bend
        return f"M{_fmt(x0)} {_fmt(y0)}Q{_fmt(cx)} {_fmt(cy)} {_fmt(x1)} {_fmt(y1)}"


@cache
def _countries():
    data = json.loads(DATA_FILE.read_text())
    countries = []
    for country in data["countries"]:
        rings = []
        for flat in country["rings"]:
            points = [
                project(flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat), 2)
            ]
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            rings.append(((min(xs), min(ys), max(xs), max(ys)), points))
        countries.append(rings)
    return countries


@cache
def land_path(view_box):
    """The outlines of the land inside a view box, as one compact SVG path."""
    left, top, width, height = view_box
    right, bottom = left + width, top + height
    precision = 1 if width > 400 else 10  # units or tenths of a unit
    parts = []
    for rings in _countries():
        for (x0, y0, x1, y1), points in rings:
            if x1 < left or x0 > right or y1 < top or y0 > bottom:
                continue
            parts.append(_ring_path(points, precision))
    return "".join(parts)


def _ring_path(points, precision):
    """An SVG subpath with relative, rounded coordinates."""
    out = []
    previous = None
    for x, y in points:
        point = (round(x * precision), round(y * precision))
        if previous is None:
            out.append(f"M{_num(point[0], precision)} {_num(point[1], precision)}")
        elif point != previous:
            dx, dy = point[0] - previous[0], point[1] - previous[1]
            out.append(f"l{_num(dx, precision)} {_num(dy, precision)}")
        else:
            continue
        previous = point
    return "".join(out) + "z"


def _num(value, precision):
    if precision == 1:
        return str(value)
    return _fmt(value / precision)


def _fmt(value):
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _view_box(places, margin, min_span=(0, 0), min_ratio=0):
    lons = [p.longitude for p in places]
    lats = [p.latitude for p in places]
    west, east = min(lons) - margin[0], max(lons) + margin[0]
    south, north = min(lats) - margin[1], max(lats) + margin[1]
    if east - west < min_span[0]:
        middle = (east + west) / 2
        west, east = middle - min_span[0] / 2, middle + min_span[0] / 2
    if north - south < min_span[1]:
        middle = (north + south) / 2
        south, north = middle - min_span[1] / 2, middle + min_span[1] / 2
    left, top = project(west, north)
    right, bottom = project(east, south)
    if min_ratio and (bottom - top) < (right - left) * min_ratio:
        extra = ((right - left) * min_ratio - (bottom - top)) / 2
        top, bottom = top - extra, bottom + extra
    return (round(left), round(top), round(right - left), round(bottom - top))


def _place_labels(places, size, view_box):
    """Put each label inside the map where it overlaps the fewest earlier
    labels and dots (the first candidate that overlaps none wins)."""
    left, top, width, height = view_box
    frame = (left, top, left + width, top + height)
    taken = [(p.x - 4, p.y - 4, p.x + 4, p.y + 4) for p in places]
    for place in places:
        text_size = size * (1.2 if place.kind == "home" else 1)
        label_width = len(place.name) * text_size * 0.6
        gap = size * 0.55
        baseline = place.y + size * 0.35
        candidates = [
            (place.x + gap, baseline, "start"),
            (place.x - gap, baseline, "end"),
            (place.x, place.y - gap, "middle"),
            (place.x, place.y + gap + size * 0.8, "middle"),
            (place.x + gap, place.y - gap * 0.8, "start"),
            (place.x + gap, place.y + gap * 1.8, "start"),
            (place.x - gap, place.y - gap * 0.8, "end"),
            (place.x - gap, place.y + gap * 1.8, "end"),
            (place.x + gap, place.y - size * 1.3, "start"),
            (place.x + gap, place.y + size * 1.9, "start"),
        ]
        best, best_cost = candidates[0], None
        for rank, (x, y, anchor) in enumerate(candidates):
            box = _label_box(x, y, anchor, label_width, text_size)
            cost = sum(_overlap(box, other) for other in taken)
            if not _inside(box, frame):
                cost += 1_000_000
            cost += rank * 0.01  # prefer the earlier, more natural positions
            if best_cost is None or cost < best_cost:
                best, best_cost = (x, y, anchor), cost
        place.label_x, place.label_y, place.anchor = best
        taken.append(_label_box(*best, label_width, text_size))


def _label_box(x, y, anchor, width, size):
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    return (left, y - size * 0.8, left + width, y + size * 0.25)


def _inside(box, frame):
    return (
        box[0] >= frame[0]
        and box[1] >= frame[1]
        and box[2] <= frame[2]
        and box[3] <= frame[3]
    )


def _overlap(a, b):
    """The area two boxes share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0


def town_place(town, label=""):
    return Place(
        name=town.name,
        longitude=float(town.longitude),
        latitude=float(town.latitude),
        url=town.get_absolute_url(),
        label=label or town.name,
        kind=town.status,
    )


def home_place(home_city):
    return Place(
        name=home_city.name,
        longitude=float(home_city.longitude),
        latitude=float(home_city.latitude),
        kind="home",
    )


def network_map(home_city, towns, labels=None):
    """Dijon and every given town, each town a link, lines from Dijon."""
    labels = labels or {}
    home = home_place(home_city)
    places = [town_place(town, labels.get(town.pk, "")) for town in towns]
    view_box = _view_box([home, *places], NETWORK_MARGIN)
    _place_labels([home, *places], LABEL_SIZE, view_box)
    return Map(view_box, land_path(view_box), home, places, LABEL_SIZE)


def locator_map(home_city, town):
    """A small map of one town and Dijon."""
    home = home_place(home_city)
    place = town_place(town)
    span = abs(home.longitude - place.longitude)
    margin = (max(4.0, span * 0.12), 3.0)
    view_box = _view_box([home, place], margin, LOCATOR_MIN_SPAN, 0.6)
    size = view_box[2] / 22
    _place_labels([home, place], size, view_box)
    return Map(view_box, land_path(view_box), home, [place], size)
