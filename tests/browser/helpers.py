"""Helpers for writing browser flows the way a visitor acts.

Fill forms by their visible labels, click links and buttons by their
accessible names, or do it all from the keyboard alone:

    tab = page                            # the `page` fixture
    tab.goto("/fr/")
    tab.fill("Adresse e-mail", "ana@example.org")
    tab.select("Établissement", "Université de Bourgogne")
    tab.check("J'accepte")
    tab.click_button("Envoyer")

    tab.keyboard_fill("Nom", "Ana")       # Tab to the field, type
    tab.keyboard_activate("link", "Villes jumelles")  # Tab to it, Enter
"""

import re
from urllib.parse import urlsplit

MAX_TABS = 120
# The browser reports a blocked script, style or image (Content-Security-Policy)
# as a console error, which fails the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""


def label_pattern(label):
    """A field's label as written, with or without a required-field star and
    a trailing colon ("Email", "Email *", "Username:")."""
    if isinstance(label, re.Pattern):
        return label
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*:?\s*$")


class BrowserPage:
    """A Playwright page bound to the live server, recording its traffic."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.origin = urlsplit(self.base_url).netloc
        self.requests = []
        self.console_errors = []
        self.expected_errors = []
        page.set_default_timeout(10_000)
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.add_init_script(REPORT_CSP_VIOLATIONS)
        # Nothing may leave the machine: off-site requests are recorded, then
        # refused at once rather than left to time out.
        page.route(lambda url: not self.is_local(url), lambda route: route.abort())

    # --- Navigation --------------------------------------------------------
    def url(self, path):
        return path if "://" in path else self.base_url + path

    def goto(self, path, status=200):
        """Open a path; the response must have the given HTTP status."""
        response = self.page.goto(self.url(path))
        assert response is not None, path
        assert response.status == status, f"{path}: HTTP {response.status}"
        return response

    @property
    def path(self):
        split = urlsplit(self.page.url)
        return split.path + (f"?{split.query}" if split.query else "")

    def html_lang(self):
        return self.page.locator("html").get_attribute("lang")

    def heading(self):
        return self.page.locator("h1").inner_text().strip()

    # --- Acting by label and name -----------------------------------------
    def field(self, label):
        """The form field with this label (visible ones only)."""
        return self.page.get_by_label(label_pattern(label)).filter(visible=True)

    def fill(self, label, value):
        self.field(label).fill(value)

    def select(self, label, option):
        self.field(label).select_option(label=option)

    def check(self, label):
        self.field(label).check()

    def click_link(self, name, within=None):
        scope = self.page.locator(within) if within else self.page
        scope.get_by_role("link", name=name, exact=True).first.click()

    def click_button(self, name):
        self.page.get_by_role("button", name=name, exact=True).click()

    # --- Keyboard only -------------------------------------------------------
    def tab_to(self, locator, max_tabs=MAX_TABS):
        """Press Tab until the element is focused, as a keyboard user would."""
        for _ in range(max_tabs):
            self.page.keyboard.press("Tab")
            if locator.evaluate("element => element === document.activeElement"):
                return locator
        raise AssertionError(f"{locator} never got the focus with Tab")

    def keyboard_fill(self, label, value):
        field = self.tab_to(self.field(label))
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(value)
        return field

    def keyboard_select(self, label, option):
        """Tab to a drop-down list and type the start of an option, as people do."""
        field = self.tab_to(self.field(label))
        # Type-ahead with the plain-ASCII start of the option, then arrow down
        # (typed accents would not reach a closed list).
        prefix = re.match(r"[A-Za-z0-9 ]*", option).group(0)
        if prefix:
            self.page.keyboard.type(prefix)
        count = field.evaluate("s => s.options.length")
        for _ in range(count):
            chosen = field.evaluate("s => s.options[s.selectedIndex].text")
            if chosen.startswith(option):
                return field
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{label}: no option {option!r} reached by keyboard")

    def keyboard_check(self, label):
        field = self.tab_to(self.field(label))
        if not field.is_checked():
            self.page.keyboard.press("Space")
        return field

    def keyboard_activate(self, role, name, navigates=True):
        """Tab to a link or button and press Enter (and wait for the new page)."""
        target = self.page.get_by_role(role, name=name, exact=True).first
        self.tab_to(target)
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            self.page.keyboard.press("Enter")

    def focused_name(self):
        return self.page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.getAttribute('aria-label') || e.innerText || e.value || '')"
            ".trim(); }"
        )

    # --- What the page did ---------------------------------------------------
    def is_local(self, url):
        split = urlsplit(url)
        if split.scheme in ("data", "blob", "about"):
            return True
        return split.netloc == self.origin

    def _on_request(self, request):
        self.requests.append(request.url)

    def _on_console(self, message):
        if message.type == "error":
            location = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({location})")

    def expect_console_error(self, pattern):
        """Allow a console error matching this regex (e.g. a wanted 404)."""
        self.expected_errors.append(re.compile(pattern))

    def off_site_requests(self):
        return [url for url in self.requests if not self.is_local(url)]

    def unexpected_console_errors(self):
        return [
            error
            for error in self.console_errors
            if not any(pattern.search(error) for pattern in self.expected_errors)
        ]

    def assert_clean(self):
        assert self.off_site_requests() == [], "requests left the live server"
        assert self.unexpected_console_errors() == [], "console errors"
