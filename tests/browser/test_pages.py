"""How the pages behave in a real browser: weight, print, small screens."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from programmes.models import Event

TRANSFER_SCRIPT = """() => {
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ];
  return entries.reduce((total, entry) => total + entry.transferSize, 0);
}"""


def test_home_page_transfers_less_than_150_kb_map_and_css_included(page):
    page.goto("/fr/")
    page.page.wait_for_load_state("load")
    assert page.page.locator("svg.map--network").is_visible()
    assert 10_000 < page.page.evaluate(TRANSFER_SCRIPT) < 150_000


@pytest.mark.parametrize("kind", ["town", "event"])
def test_print_keeps_the_content_and_drops_the_navigation(page, kind):
    if kind == "event":
        event = Event.objects.published().first()
        with translation.override("en"):
            path, title = event.get_absolute_url(), event.title
    else:
        path, title = "/en/twin-towns/york/", "York"
    page.goto(path)
    page.page.emulate_media(media="print")
    expect(page.page.locator(".site-header")).to_be_hidden()
    expect(page.page.locator(".breadcrumbs")).to_be_hidden()
    expect(page.page.locator(".site-footer")).to_be_hidden()
    expect(page.page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.page.locator(".print-masthead")).to_contain_text("City of Dijon")


MAP_LABELS = """() => {
  const svg = document.querySelector('svg.map--network');
  const scale = svg.getScreenCTM().a;
  return [...svg.querySelectorAll('text')]
    .filter((text) => getComputedStyle(text).display !== 'none')
    .map((text) => {
      const box = text.getBoundingClientRect();
      return {
        text: text.textContent,
        px: parseFloat(text.getAttribute('font-size')) * scale,
        box: [box.left, box.top, box.right, box.bottom],
      };
    });
}"""


def overlapping(labels):
    """Pairs of labels whose drawn text boxes intersect."""
    pairs = []
    for i, a in enumerate(labels):
        for b in labels[:i]:
            (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
            if min(r1, r2) > max(l1, l2) and min(b1, b2) > max(t1, t2):
                pairs.append((a["text"], b["text"]))
    return pairs


@pytest.mark.parametrize("width", [320, 390])
def test_network_map_fits_a_phone_with_readable_numbers_and_their_key(page, width):
    page.page.set_viewport_size({"width": width, "height": 800})
    page.goto("/en/twin-towns/")
    frame = page.page.locator(".map-frame--network")
    assert frame.evaluate("f => f.scrollWidth <= f.clientWidth")
    overflow = page.page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0
    labels = page.page.evaluate(MAP_LABELS)
    towns = [label for label in labels if label["text"].isdigit()]
    assert len(towns) == page.page.locator(".map-key li").count() > 10
    assert min(label["px"] for label in labels) >= 12
    assert overlapping(labels) == []
    expect(page.page.locator(".map-key")).to_be_visible()
    expect(
        page.page.locator(".map-key").get_by_role("link", name="Dallas")
    ).to_be_visible()


def test_network_map_names_its_towns_in_readable_labels_on_a_desktop(page):
    page.goto("/fr/villes-jumelles/")
    labels = page.page.evaluate(MAP_LABELS)
    names = {label["text"] for label in labels}
    assert {"Prague", "Pécs", "Mayence", "Dallas", "Dijon"} <= names
    assert not any(name.isdigit() for name in names)
    assert min(label["px"] for label in labels) >= 12
    assert overlapping(labels) == []
    expect(page.page.locator(".map-key")).to_be_hidden()


def test_town_locator_map_labels_are_readable_on_a_320_px_phone(page):
    page.page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/fr/villes-jumelles/chefchaouen/")
    sizes = page.page.evaluate(
        """() => {
          const svg = document.querySelector('svg.map--locator');
          const scale = svg.getScreenCTM().a;
          return [...svg.querySelectorAll('text')]
            .map((text) => parseFloat(text.getAttribute('font-size')) * scale);
        }"""
    )
    assert len(sizes) == 2 and min(sizes) >= 12
