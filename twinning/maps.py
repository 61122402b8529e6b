"""SVG maps of the twinning network, drawn on the server.

The country outlines come from `twinning/data/world_map.json` (Natural Earth,
public domain; see `scripts/build_world_map.py`). Places are projected with an
equirectangular projection whose standard parallel runs through Europe, so the
map needs no JavaScript, no tile server and no third-party host.

The network map shows Europe and Africa, where all but the American towns lie;
those (Dallas) sit in an inset of their own, drawn with its own projection in
the map's top left corner, over the Atlantic. Its labels come in two sets, one
for wide screens and one with larger text for phones (the CSS shows one), each
placed by `place_labels` next to its own dot, on a leader line where the dots
crowd, without two labels overlapping.
"""

import json
import math
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "world_map.json"

STANDARD_PARALLEL = 45.0  # degrees: keeps Europe's shapes right
SCALE = 8.0  # SVG units per degree of latitude
NETWORK_MARGIN = (4.5, 2.0, 4.5)  # degrees around the towns: east-west, south, north
FAR_WEST = -30.0  # degrees of longitude: towns further west go to the inset
INSET_SHARE = 0.3  # of the network map's width, the inset's
INSET_SPAN = (46.0, 26.0)  # degrees shown at least around the inset's towns
CAPTION_SCALE = 0.92  # the inset's caption, against the labels
LOCATOR_MIN_SPAN = (22.0, 14.0)  # degrees shown at least around a town and Dijon


@dataclass(frozen=True)
class LabelSet:
    """Labels sized for a range of screen widths (see static/css/site.css)."""

    name: str  # the CSS class's suffix: map__label--<name>
    text_px: float  # the labels' size in CSS pixels at the narrowest map
    min_width_px: float  # the narrowest the map is shown with these labels
    numbered: bool = False  # towns labelled by their number in the map's key


# The CSS shows the wide set from 48rem (768 px) on, where the map is at least
# 720 px wide, and the narrow set below it, from 276 px (a 320 px phone): there
# the towns, too close together for their names, show their numbers in the key
# under the map.
NETWORK_LABEL_SETS = (
    LabelSet("wide", text_px=13.0, min_width_px=720.0),
    LabelSet("narrow", text_px=12.5, min_width_px=276.0, numbered=True),
)


@dataclass(frozen=True)
class Projection:
    """Equirectangular: x grows eastwards, y southwards, plus an offset."""

    standard_parallel: float = STANDARD_PARALLEL
    scale: float = SCALE
    dx: float = 0.0
    dy: float = 0.0

    def __call__(self, longitude, latitude):
        x_factor = math.cos(math.radians(self.standard_parallel)) * self.scale
        return (
            float(longitude) * x_factor + self.dx,
            -float(latitude) * self.scale + self.dy,
        )


MAIN = Projection()


def project(longitude, latitude):
    """SVG coordinates of a point on the main map (y grows southwards)."""
    return MAIN(longitude, latitude)


@dataclass
class Label:
    """Where one label of a place is written, in one label set."""

    text: str
    x: float  # the text's anchor point, on its baseline
    y: float
    anchor: str  # "start", "middle" or "end"
    size: float
    box: tuple  # left, top, right, bottom, the text's halo included
    leader: str = ""  # SVG path from the dot to a label set apart
    css: str = ""  # " map__label--<set>" when the map has several sets
    dot: float = 0  # the radius of the place's dot drawn with this set

    @property
    def dot_attr(self):
        return _fmt(self.dot)

    @property
    def x_attr(self):
        return _fmt(self.x)

    @property
    def y_attr(self):
        return _fmt(self.y)

    @property
    def size_attr(self):
        return _fmt(self.size)


@dataclass
class Place:
    """A point on the map: Dijon or a twin town."""

    name: str
    longitude: float
    latitude: float
    url: str = ""
    label: str = ""  # accessible name of the link
    kind: str = "town"  # "home" or a Town.Status value
    country: str = ""
    x: float = field(init=False)
    y: float = field(init=False)
    curve: str = ""  # SVG path of the line from Dijon
    labels: list = field(default_factory=list)
    in_inset: bool = False
    number: int = 0  # in the map's key

    def __post_init__(self):
        self.move(MAIN)

    def move(self, projection):
        self.x, self.y = projection(self.longitude, self.latitude)

    @property
    def x_attr(self):
        return _fmt(self.x)

    @property
    def y_attr(self):
        return _fmt(self.y)


@dataclass
class Inset:
    """A framed corner of the map showing far towns with their own projection."""

    box: tuple  # left, top, width, height
    land: str
    caption: str  # drawn with the wide labels only, in the frame's top left

    @property
    def box_attrs(self):
        """x, y, width and height as SVG attributes (never localised)."""
        return tuple(_fmt(v) for v in self.box)

    def caption_box(self, size):
        size *= CAPTION_SCALE
        left, top = self.box[0], self.box[1]
        return (
            left,
            top,
            left + text_width(self.caption, size) + size,
            top + size * 1.6,
        )

    def caption_position(self, size):
        size *= CAPTION_SCALE
        return self.box[0] + size * 0.5, self.box[1] + size * 1.25

    @property
    def right(self):
        return self.box[0] + self.box[2]

    @property
    def bottom(self):
        return self.box[1] + self.box[3]


@dataclass
class Map:
    """Everything the SVG template needs."""

    view_box: tuple
    land: str
    home: Place
    towns: list
    label_size: float  # the smallest label set's size, which sizes the dots
    inset: Inset | None = None
    caption_size: float = 0  # of the inset's caption

    @property
    def caption(self):
        """The inset's caption: x, y and font size, as SVG attributes."""
        x, y = self.inset.caption_position(self.caption_size)
        return _fmt(x), _fmt(y), _fmt(self.caption_size * CAPTION_SCALE)

    def __post_init__(self):
        for town in self.towns:
            town.curve = self.curve(town)

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
        """A gentle arc from Dijon to a town (or to the inset's frame), as an
        SVG path."""
        x0, y0, x1, y1 = self.home.x, self.home.y, town.x, town.y
        if town.in_inset and self.inset:
            x1 = self.inset.right
            y1 = min(max(town.y, self.inset.box[1]), self.inset.bottom)
        bend = 0.18
        cx = (x0 + x1) / 2 + (y1 - y0) * bend
        cy = (y0 + y1) / 2 - (x1 - x0) * bend
        if cy > (y0 + y1) / 2:  # always bow northwards
            cx = (x0 + x1) / 2 - (y1 - y0) * bend
            cy = (y0 + y1) / 2 + (x1 - x0) * bend
        return f"M{_fmt(x0)} {_fmt(y0)}Q{_fmt(cx)} {_fmt(cy)} {_fmt(x1)} {_fmt(y1)}"


@cache
def _rings():
    """Every country's rings, in degrees."""
    data = json.loads(DATA_FILE.read_text())
    rings = []
    for country in data["countries"]:
        for flat in country["rings"]:
            points = [(flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat), 2)]
            lons = [p[0] for p in points]
            lats = [p[1] for p in points]
            rings.append(((min(lons), min(lats), max(lons), max(lats)), points))
    return rings


@cache
def land_path(view_box, projection=MAIN):
    """The outlines of the land inside a view box, clipped to it, as one
    compact SVG path."""
    left, top, width, height = view_box
    right, bottom = left + width, top + height
    precision = 1 if width > 400 else 10  # units or tenths of a unit
    margin = width / 100  # clipped edges stay just outside the view box
    frame = (left - margin, top - margin, right + margin, bottom + margin)
    parts = []
    for (west, south, east, north), points in _rings():
        x0, y0 = projection(west, north)
        x1, y1 = projection(east, south)
        if x1 < left or x0 > right or y1 < top or y0 > bottom:
            continue
        projected = [projection(lon, lat) for lon, lat in points]
        clipped = clip(projected, frame)
        if len(clipped) >= 3:
            parts.append(_ring_path(clipped, precision))
    return "".join(parts)


def clip(points, box):
    """Sutherland-Hodgman clipping of a closed ring to a rectangle given as
    (smallest x, smallest y, largest x, largest y); scripts/build_world_map.py
    clips the source outlines with it too."""
    x_min, y_min, x_max, y_max = box
    edges = [
        (lambda p: p[0] >= x_min, lambda a, b: _cross_x(a, b, x_min)),
        (lambda p: p[0] <= x_max, lambda a, b: _cross_x(a, b, x_max)),
        (lambda p: p[1] >= y_min, lambda a, b: _cross_y(a, b, y_min)),
        (lambda p: p[1] <= y_max, lambda a, b: _cross_y(a, b, y_max)),
    ]
    for inside, cross in edges:
        if not points:
            break
        result = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


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
    south, north = min(lats) - margin[1], max(lats) + margin[-1]
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


# --- Labels ----------------------------------------------------------------

# Advance widths in em of DejaVu Sans Bold, the widest of the fonts the site's
# font stack falls back to, by kind of character: labels sized with them fit
# whatever font draws them.
_NARROW_CHARS = set("fijlrtI'’.,-:; ")
_WIDE_CHARS = set("mwMW")
HOME_SCALE = 1.2  # Dijon's label, larger than the towns'
HOME_DOT = 1.45  # Dijon's dot, larger than the towns'
DOT_SCALE = 0.34  # a town's dot's radius, against its label's size
HALO = 0.15  # em around the text: its white outline and some air


def text_width(text, size):
    """The width of a label's text, a little more than any font makes it."""
    ems = 0.0
    for char in text:
        if char in _NARROW_CHARS:
            ems += 0.42
        elif char in _WIDE_CHARS:
            ems += 1.05
        elif char.isupper():
            ems += 0.8
        else:
            ems += 0.7
    return ems * size


def label_size(place, size):
    return size * (HOME_SCALE if place.kind == "home" else 1)


def _directions():
    """Sixteen directions from a dot, east first, then round both ways."""
    order = [0, 180, 90, 270, 45, 315, 135, 225]
    order += [a + 22.5 for a in order]
    return [math.radians(a) for a in order]


DIRECTIONS = _directions()
# How far a label may stand from its dot, in label sizes past the first ring.
LEADER_STEPS = (0.0, 0.8, 1.6, 2.6, 3.8)
MAX_LEADER = LEADER_STEPS[-1]
# Past this many places, labels are placed in one pass.
CROWDED = 40


def _candidate(place, width, height, size, distance, angle):
    """The box of a label whose side nearest the dot is `distance` away in the
    direction `angle` (radians, counter-clockwise from east, y up)."""
    ux, uy = math.cos(angle), -math.sin(angle)  # y grows southwards
    px, py = place.x + ux * distance, place.y + uy * distance
    if ux > 0.38:
        left = px
    elif ux < -0.38:
        left = px - width
    else:
        left = px - width / 2
    if uy > 0.38:
        top = py
    elif uy < -0.38:
        top = py - height
    else:
        top = py - height / 2
    return (left, top, left + width, top + height)


def _text_height(text, size):
    """Capitals and digits stand 0.76 em high; most letters go 0.24 em below."""
    return size * (0.76 if text.isdigit() else 1.0)


def _text_position(box, text, size):
    """The anchor point and anchor of a text drawn in a label box."""
    halo = HALO * size
    below = 0 if text.isdigit() else size * 0.24
    return box[0] + halo, box[3] - halo - below, "start"


def _distance_to_box(x, y, box):
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return math.hypot(dx, dy)


def _nearest_on_box(x, y, box):
    return min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])


def _segment_hits_box(a, b, box):
    """Whether the segment a-b passes through the box (sampled)."""
    for step in range(1, 10):
        t = step / 10
        x = a[0] + (b[0] - a[0]) * t
        y = a[1] + (b[1] - a[1]) * t
        if box[0] < x < box[2] and box[1] < y < box[3]:
            return True
    return False


def _segments_cross(a, b, c, d):
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def overlap(a, b):
    """The area two boxes (left, top, right, bottom) share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0


def inside(box, frame):
    return (
        box[0] >= frame[0]
        and box[1] >= frame[1]
        and box[2] <= frame[2]
        and box[3] <= frame[3]
    )


def place_labels(places, texts, size, frame, dot_radius, inset=None, obstacles=()):
    """Choose, for each place, a label box next to its dot.

    Deterministic and greedy: the most crowded places choose first, among
    sixteen directions at a few distances, the box that overlaps no other
    label, no dot, no obstacle and leaves neither the map nor its own part of
    it (the inset or the main map); then, unless the map is crowded, each
    label is chosen again, twice, knowing all the others. A label set apart
    from its dot gets a leader line.

    Returns one box and leader segment per place, in the order given.
    """
    radii = [dot_radius * (HOME_DOT if p.kind == "home" else 1) for p in places]
    dots = [
        (p.x - r, p.y - r, p.x + r, p.y + r) for p, r in zip(places, radii, strict=True)
    ]
    areas = []
    for place in places:
        if inset is None:
            areas.append((frame, None))
        elif place.in_inset:
            areas.append((inset, None))
        else:
            areas.append((frame, inset))

    def neighbours(i):
        return sum(
            1
            for j, other in enumerate(places)
            if j != i
            and math.hypot(other.x - places[i].x, other.y - places[i].y) < size * 6
        )

    order = sorted(
        range(len(places)),
        key=lambda i: (places[i].kind != "home", -neighbours(i), places[i].name),
    )
    # How far from its dot any part of a place's label or leader can be: two
    # places further apart than their reaches never meet, so each weighs only
    # its near ones (a map of 130 towns placed in a second, not a minute).
    boxes = []
    for i, place in enumerate(places):
        text_size = label_size(place, size)
        width = text_width(texts[i], text_size) + 2 * HALO * text_size
        height = _text_height(texts[i], text_size) + 2 * HALO * text_size
        boxes.append((text_size, width, height))
    reach = [
        radii[i] + size * (0.15 + MAX_LEADER) + math.hypot(width, height) + size
        for i, (_size, width, height) in enumerate(boxes)
    ]
    near = [
        [
            j
            for j, other in enumerate(places)
            if j != i
            and math.hypot(other.x - place.x, other.y - place.y) <= reach[i] + reach[j]
        ]
        for i, place in enumerate(places)
    ]
    chosen = [None] * len(places)
    home = next((p for p in places if p.kind == "home"), None)

    def outward(i, angle):
        """0 for a label away from Dijon, up to 2 for one towards it."""
        place = places[i]
        if home is None or place is home or place.in_inset:
            return 0
        dx, dy = place.x - home.x, home.y - place.y  # y up, as the angles
        length = math.hypot(dx, dy)
        if not length:
            return 0
        return 1 - (dx * math.cos(angle) + dy * math.sin(angle)) / length

    def cost(i, box, leader, limit):
        """The candidate's penalties; stops once past `limit` (every term is
        positive: a candidate already worse than the best cannot win)."""
        area, keep_out = areas[i]
        total = 0.0
        if not inside(box, area) or (keep_out and overlap(box, keep_out)):
            total += 1e7
        for obstacle in obstacles:
            if overlap(box, obstacle):
                total += 1e5
        for j in near[i]:
            if total > limit:
                return total
            dot = dots[j]
            if overlap(box, dot):
                total += 1e5
            if leader and _segment_hits_box(*leader, dot):
                total += 1e4
            other = chosen[j]
            if other is not None:
                shared = overlap(box, other[0])
                if shared:
                    total += 1e5 + shared
                if leader and _segment_hits_box(*leader, other[0]):
                    total += 1e4
                if other[1] and _segment_hits_box(*other[1], box):
                    total += 1e4
                if leader and other[1] and _segments_cross(*leader, *other[1]):
                    total += 2e3
        return total

    def choose(i):
        place = places[i]
        text_size, width, height = boxes[i]
        best = None
        for step, extra in enumerate(LEADER_STEPS):
            distance = radii[i] + size * 0.15 + extra * size
            for rank, angle in enumerate(DIRECTIONS):
                box = _candidate(place, width, height, text_size, distance, angle)
                leader = None
                if step:
                    end = _nearest_on_box(place.x, place.y, box)
                    leader = ((place.x, place.y), end)
                extra_score = step * 60 + rank * 2
                extra_score += outward(i, angle) * (15 if step else 4)
                limit = math.inf if best is None else best[0] - extra_score
                score = cost(i, box, leader, limit) + extra_score
                if best is None or score < best[0]:
                    best = (score, box, leader)
        chosen[i] = (best[1], best[2])

    for i in order:
        choose(i)
    # Choosing again knowing all the others: for a city's own map; a crowded
    # one (a hundred towns) keeps its first choices, made in a few seconds.
    for _ in range(2 if len(places) <= CROWDED else 0):
        for i in order:
            chosen[i] = None
            choose(i)
    return chosen


@lru_cache(maxsize=64)
def _cached_placement(points, texts, size, frame, dot_radius, inset, obstacles):
    places = [
        Place(name=f"{i}", longitude=0, latitude=0, kind=kind, in_inset=in_inset)
        for i, (_, _, kind, in_inset) in enumerate(points)
    ]
    for place, (x, y, _, _) in zip(places, points, strict=True):
        place.x, place.y = x, y
    return place_labels(places, texts, size, frame, dot_radius, inset, obstacles)


def _labels_for(
    places, texts, size, frame, dot_radius, css="", inset=None, obstacles=()
):
    """Label each place; the placement is computed once per process for
    the same places and texts (the page is cached too, but per language)."""
    points = tuple((p.x, p.y, p.kind, p.in_inset) for p in places)
    chosen = _cached_placement(
        points, tuple(texts), size, frame, dot_radius, inset, tuple(obstacles)
    )
    for place, text, (box, leader) in zip(places, texts, chosen, strict=True):
        text_size = label_size(place, size)
        x, y, anchor = _text_position(box, text, text_size)
        path = ""
        if leader:
            (x0, y0), (x1, y1) = leader
            length = math.hypot(x1 - x0, y1 - y0)
            if length > dot_radius:
                start = dot_radius / length
                path = (
                    f"M{_fmt(x0 + (x1 - x0) * start)} {_fmt(y0 + (y1 - y0) * start)}"
                    f"L{_fmt(x1)} {_fmt(y1)}"
                )
        dot = dot_radius * (HOME_DOT if place.kind == "home" else 1)
        place.labels.append(Label(text, x, y, anchor, text_size, box, path, css, dot))


# --- Maps ------------------------------------------------------------------


def town_place(town, label=""):
    return Place(
        name=town.name,
        longitude=float(town.longitude),
        latitude=float(town.latitude),
        url=town.get_absolute_url(),
        label=label or town.name,
        kind=town.status,
        country=town.country.name,
    )


def home_place(home_city):
    return Place(
        name=home_city.name,
        longitude=float(home_city.longitude),
        latitude=float(home_city.latitude),
        kind="home",
    )


def _inset(far, view_box, caption):
    """Frame the far towns in the top left corner, with their own projection."""
    left, top, width, height = view_box
    margin = width * 0.015
    frame_width = width * INSET_SHARE
    lons = [p.longitude for p in far]
    lats = [p.latitude for p in far]
    middle_lon = (min(lons) + max(lons)) / 2
    middle_lat = (min(lats) + max(lats)) / 2
    span_lon = max(INSET_SPAN[0], max(lons) - min(lons) + 8)
    span_lat = max(INSET_SPAN[1], max(lats) - min(lats) + 6)
    factor = math.cos(math.radians(middle_lat))
    scale = frame_width / (span_lon * factor)
    frame_height = min(span_lat * scale, height * 0.6)
    box = tuple(
        round(v, 1) for v in (left + margin, top + margin, frame_width, frame_height)
    )
    projection = Projection(
        standard_parallel=middle_lat,
        scale=scale,
        dx=box[0] + frame_width / 2 - middle_lon * factor * scale,
        dy=box[1] + frame_height / 2 + middle_lat * scale,
    )
    for place in far:
        place.move(projection)
        place.in_inset = True
    return Inset(box, land_path(box, projection), caption)


def network_map(home_city, towns, labels=None):
    """Dijon and every given town, each town a link, lines from Dijon; the
    towns of the Americas in an inset. Each town has two labels: its name for
    wide screens, its number (from 1, in the order given) for phones."""
    labels = labels or {}
    home = home_place(home_city)
    places = [town_place(town, labels.get(town.pk, "")) for town in towns]
    for number, place in enumerate(places, start=1):
        place.number = number
    near = [p for p in places if p.longitude >= FAR_WEST]
    far = [p for p in places if p.longitude < FAR_WEST]
    view_box = _view_box([home, *near], NETWORK_MARGIN)
    inset = None
    if far:
        # Widen the map westwards, over the Atlantic, to make room for the inset.
        left, top, width, height = view_box
        extra = round(width * INSET_SHARE / (1 - INSET_SHARE) * 0.8)
        view_box = (left - extra, top, width + extra, height)
        inset = _inset(far, view_box, ", ".join(sorted({p.country for p in far})))
    land = land_path(view_box)
    frame = (
        view_box[0],
        view_box[1],
        view_box[0] + view_box[2],
        view_box[1] + view_box[3],
    )
    keep_out = None
    if inset:
        margin = view_box[2] * 0.01
        keep_out = (
            inset.box[0] - margin,
            inset.box[1] - margin,
            inset.right + margin,
            inset.bottom + margin,
        )
    sizes = [s.text_px * view_box[2] / s.min_width_px for s in NETWORK_LABEL_SETS]
    smallest = min(sizes)
    for label_set, size in zip(NETWORK_LABEL_SETS, sizes, strict=True):
        texts = [home.name]
        texts += [str(p.number) if label_set.numbered else p.name for p in places]
        obstacles = []
        if inset and inset.caption and not label_set.numbered:
            obstacles.append(inset.caption_box(size))
        _labels_for(
            [home, *places],
            texts,
            size,
            frame,
            size * DOT_SCALE,
            css=f" map__label--{label_set.name}",
            inset=keep_out,
            obstacles=obstacles,
        )
    wide = sizes[0]
    return Map(view_box, land, home, places, smallest, inset, caption_size=wide)


def locator_map(home_city, town):
    """A small map of one town and Dijon."""
    home = home_place(home_city)
    place = town_place(town)
    span = abs(home.longitude - place.longitude)
    margin = (max(4.0, span * 0.12), 3.0)
    view_box = _view_box([home, place], margin, LOCATOR_MIN_SPAN, 0.6)
    size = view_box[2] / 22
    frame = (
        view_box[0],
        view_box[1],
        view_box[0] + view_box[2],
        view_box[1] + view_box[3],
    )
    _labels_for([home, place], [home.name, place.name], size, frame, size * DOT_SCALE)
    return Map(view_box, land_path(view_box), home, [place], size)
