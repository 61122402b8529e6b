"""Screenshots of the main pages for a person to look at (var/screenshots/)."""

import pytest

from tests.browser.conftest import SCREENSHOTS

# name -> path; other apps add their main pages here.
MAIN_PAGES = {
    "home-fr": "/fr/",
    "home-en": "/en/",
    "town-list": "/fr/villes-jumelles/",
    "town-detail": "/en/twin-towns/mainz/",
    "town-suspended": "/fr/villes-jumelles/volgograd/",
    "town-far": "/en/twin-towns/dallas/",
    "not-found": "/fr/page-inexistante/",
}
WIDTHS = [320, 390, 1280]


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_are_photographed_without_horizontal_scroll(page, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.set_viewport_size({"width": width, "height": 900})
    page.expect_console_error(r"status of 404")
    for name, path in MAIN_PAGES.items():
        page.goto(path, status=404 if name == "not-found" else 200)
        target = SCREENSHOTS / f"{name}-{width}.png"
        page.page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
        overflow = page.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at {width} px"
