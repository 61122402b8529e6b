"""The layout fits its content (issue 16): no page scrolls sideways on a
320 px phone, what a page shows spans its width on a desktop whatever there is
to show, buttons keep a visible border in forced-colours mode, the French
menu fits one line at 1280 px and folds on a phone into a menu that opens
without JavaScript."""

import pytest
from django.utils import translation

from programmes.models import Programme
from students.models import Reception
from tests.browser.conftest import SCREENSHOTS
from tests.browser.helpers import BrowserPage
from tests.public_pages import public_page_urls
from twinning.models import Partnership, Town

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_public_page_scrolls_sideways_at_320_px(page, page_states):
    page.page.set_viewport_size({"width": 320, "height": 800})
    wide = []
    paths = {path.split("#")[0] for path in public_page_urls()}
    paths |= set(page_states.values())
    for path in sorted(paths):
        if "/admin/" in path:
            continue
        page.goto(path)
        overflow = page.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        if overflow > 0:
            wide.append((path, overflow))
    assert wide == []


def test_pages_with_a_map_do_not_scroll_sideways_at_390_px(page):
    page.page.set_viewport_size({"width": 390, "height": 800})
    wide = []
    paths = ["/fr/", "/en/", "/fr/villes-jumelles/", "/en/twin-towns/"]
    paths += [town.get_absolute_url() for town in Town.objects.published()]
    for path in paths:
        page.goto(path)
        overflow = page.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        if overflow > 0:
            wide.append((path, overflow))
    assert wide == []


def visible_border_widths(page, selector):
    return page.page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter((e) => e.getClientRects().length)
            .map((e) => {
                const style = getComputedStyle(e);
                const width = style.borderStyle === 'none' ? 0
                    : parseFloat(style.borderTopWidth);
                return [e.textContent.trim().slice(0, 30), width];
            })""",
        selector,
    )


def test_buttons_keep_a_visible_border_under_forced_colours(page):
    reception = Reception.objects.published().order_by("starts_at").first()
    with translation.override("fr"):
        registration = reception.get_absolute_url()
    page.page.emulate_media(forced_colors="active")
    checked = []
    for path in ("/fr/", "/fr/recherche/", registration):
        page.goto(path)
        checked += visible_border_widths(page, ".button, button")
    assert checked
    assert [name for name, width in checked if width < 1] == []


def test_french_menu_fits_one_line_at_1280_px(page):
    page.goto("/fr/")
    tops = page.page.evaluate(
        "() => [...document.querySelectorAll('.main-nav li')]"
        ".map((li) => li.getBoundingClientRect().top)"
    )
    assert len(tops) >= 7
    assert len(set(tops)) == 1


def test_phone_menu_opens_without_javascript(browser, site):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, java_script_enabled=False
    )
    tab = BrowserPage(context.new_page(), site.url)
    tab.goto("/fr/")
    header = tab.page.locator(".site-header")
    twin_towns = header.get_by_role("link", name="Villes jumelles", exact=True)
    assert not twin_towns.first.is_visible()
    header.get_by_text("Menu").click()
    assert twin_towns.first.is_visible()
    # For a person to look at, beside menu-open-390.png (JavaScript on).
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / "menu-open-390-no-js.png"))
    twin_towns.first.click()
    assert tab.path == "/fr/villes-jumelles/"
    context.close()
    tab.assert_clean()


# What a desktop page shows spans at least this share of its column (the issue
# found 25 % to 60 %; a text column beside a side box spans it all).
FILLED = 0.8

# The share of the page's column (.wrap, less its padding) that what is drawn
# inside `selector` spans: its text, images and boxes, not the empty blocks
# around them.
DRAWN_WIDTH = """(selector) => [...document.querySelectorAll(selector)].map((root) => {
    const wrap = root.closest(".wrap") || root;
    const style = getComputedStyle(wrap);
    const box = wrap.getBoundingClientRect();
    const column = box.width - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
    let left = Infinity, right = -Infinity;
    const add = (rect) => {
        if (rect.width > 0 && rect.height > 0) {
            left = Math.min(left, rect.left); right = Math.max(right, rect.right);
        }
    };
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (texts.nextNode()) {
        if (!texts.currentNode.textContent.trim()) continue;
        range.selectNodeContents(texts.currentNode);
        [...range.getClientRects()].forEach(add);
    }
    for (const element of root.querySelectorAll("*")) {
        const look = getComputedStyle(element);
        const painted = ["IMG", "svg", "VIDEO"].includes(element.tagName)
            || look.backgroundColor !== "rgba(0, 0, 0, 0)"
            || (look.borderTopStyle !== "none" && parseFloat(look.borderTopWidth) > 0);
        if (painted) add(element.getBoundingClientRect());
    }
    return right > left ? (right - left) / column : 0;
})"""


def drawn_widths(page, path, selector):
    page.goto(path)
    return page.page.evaluate(DRAWN_WIDTH, selector)


def first_detail_page(model):
    with translation.override("fr"):
        return model.objects.published().order_by("pk").first().get_absolute_url()


@pytest.mark.parametrize("state", ["event-photos-long", "event-short"])
def test_event_page_spans_the_width_at_1280_px(page, page_states, state):
    [share] = drawn_widths(page, page_states[state], "main article")
    assert share >= FILLED


@pytest.mark.parametrize("model", [Partnership, Programme, Reception])
def test_detail_page_spans_the_width_at_1280_px(page, model):
    [share] = drawn_widths(page, first_detail_page(model), "main article")
    assert share >= FILLED


def test_a_lone_card_spans_the_width_at_1280_px(page, page_states):
    shares = drawn_widths(page, page_states["town-one-section"], "main .cards")
    assert len(shares) == 1
    assert shares[0] >= FILLED


def test_a_town_with_its_whole_story_spans_the_width_at_1280_px(page, page_states):
    shares = drawn_widths(
        page, page_states["town-full-story"], "main .cards, main .gallery"
    )
    assert len(shares) == 4
    assert min(shares) >= FILLED
