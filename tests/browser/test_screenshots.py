"""Screenshots of the main pages for a person to look at (var/screenshots/)."""

import pytest
from django.utils import translation

from programmes.models import Event, Programme
from students.models import Reception
from tests.browser.conftest import SCREENSHOTS
from twinning.models import Partnership

WIDTHS = [320, 390, 1280]
# A full-page screenshot does not scroll, so lazy photos below the fold would
# stay blank: load them all first.
LOAD_LAZY_IMAGES = """async () => {
    const images = [...document.images];
    images.forEach((image) => { image.loading = "eager"; });
    await Promise.all(images.map((image) => image.complete ? null
        : new Promise((done) => { image.onload = image.onerror = done; })));
}"""


def first_url(queryset, language):
    item = queryset.first()
    with translation.override(language):
        return item.get_absolute_url() if item else None


def main_pages(states):
    """Name -> path of the pages a person should look at; add new ones here
    (or to page_states, for a page in a state the brochure lacks)."""
    pages = {
        "home-fr": "/fr/",
        "home-en": "/en/",
        "town-list": "/fr/villes-jumelles/",
        "town-list-en": "/en/twin-towns/",
        "town-detail": "/en/twin-towns/mainz/",
        "town-suspended": "/fr/villes-jumelles/volgograd/",
        "town-far": "/en/twin-towns/dallas/",
        "international-action": "/en/international-action/",
        "partnership-list": "/fr/action-internationale/partenariats/",
        "partnership-detail": first_url(Partnership.objects.published(), "en"),
        "networks": "/en/international-action/networks/",
        "programme-list": "/fr/mobilite-des-jeunes/",
        "programme-detail": first_url(Programme.objects.published(), "en"),
        "event-list": "/en/events/",
        "event-detail": first_url(Event.objects.published(), "fr"),
        "contact": "/fr/contact/",
        "reception-list": "/fr/accueil-etudiants/",
        "reception-detail": first_url(Reception.objects.published(), "en"),
        "town-story": "/fr/villes-jumelles/pecs/",
        "town-no-story": "/fr/villes-jumelles/dakar/",
        "search": "/fr/recherche/?q=Mayence",
        "site-map": "/en/site-map/",
        "accessibility": "/fr/accessibilite/",
        "not-found": "/fr/page-inexistante/",
        **states,
    }
    return {name: path for name, path in pages.items() if path}


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_are_photographed_without_horizontal_scroll(
    page, page_states, width
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.set_viewport_size({"width": width, "height": 900})
    page.expect_console_error(r"status of 404")
    for name, path in main_pages(page_states).items():
        page.goto(path, status=404 if name == "not-found" else 200)
        page.page.evaluate(LOAD_LAZY_IMAGES)
        target = SCREENSHOTS / f"{name}-{width}.png"
        page.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
        overflow = page.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at {width} px"


@pytest.mark.parametrize("width", [320, 390])
def test_the_open_phone_menu_is_photographed_without_horizontal_scroll(page, width):
    """The wide menu shows in every 1280 px screenshot; the phone's is folded."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.set_viewport_size({"width": width, "height": 900})
    page.goto("/fr/")
    page.page.locator(".phone-menu summary").click()
    assert page.page.locator(".phone-nav").is_visible()
    page.page.screenshot(path=str(SCREENSHOTS / f"menu-open-{width}.png"))
    overflow = page.page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    assert overflow <= 0
