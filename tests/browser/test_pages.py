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


def test_network_map_stays_readable_on_a_phone_by_scrolling_sideways(page):
    page.page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/en/")
    frame = page.page.locator(".map-frame--network")
    sizes = frame.evaluate("f => [f.scrollWidth, f.clientWidth]")
    assert sizes[0] > sizes[1]  # the map scrolls inside its frame...
    overflow = page.page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0  # ...not the page
    # It opens on Europe: Dijon is in view without scrolling sideways.
    box = frame.bounding_box()
    dijon = page.page.locator(".map__home circle").bounding_box()
    assert box["x"] <= dijon["x"] <= box["x"] + box["width"] - dijon["width"]
