"""Every public page, in both languages: accessible, valid HTML, self-hosted.

The crawler starts at /fr/, /en/ and the sitemap, follows every same-site link
(not the admin, media, static or non-HTML files), and on every page runs
axe-core with the WCAG 2.1 A and AA rules, keeps the served HTML for one run of
the Nu Html Checker, and records requests and console errors. Pages of other
apps are covered as soon as they are linked or listed in the sitemap.
"""

import json
import subprocess
from collections import Counter, deque
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import VNU_JAR

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIPPED_SUFFIXES = (
    ".ics", ".xml", ".txt", ".json", ".pdf", ".csv", ".png", ".jpg", ".jpeg",
    ".gif", ".webp", ".svg", ".zip", ".rss", ".atom",
)  # fmt: skip
MISSING_PAGES = ["/fr/cette-page-n-existe-pas/", "/en/this-page-does-not-exist/"]
# Enough to meet every kind of page; bounds the time if lists grow long.
MAX_PAGES_PER_ROUTE = 40


def skipped_prefixes():
    prefixes = [settings.STATIC_URL, settings.MEDIA_URL]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("admin:index"))
    return tuple(prefixes)


def route_of(path):
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return f"{match.view_name}:{sorted(match.kwargs)}"


class Crawler:
    def __init__(self, tab, html_dir):
        self.tab = tab
        self.html_dir = html_dir
        self.axe = Axe()
        self.skip = skipped_prefixes()
        self.queue = deque()
        self.seen = set()
        self.query_patterns = set()
        self.per_route = Counter()
        self.files = {}  # saved HTML file -> URL path
        self.problems = {}  # URL path -> list of problems

    def add(self, url, source=""):
        url, _fragment = urldefrag(urljoin(self.tab.base_url + "/", url))
        split = urlsplit(url)
        if split.scheme not in ("http", "https") or not self.tab.is_local(url):
            return
        path = split.path
        if path.startswith(self.skip) or path.lower().endswith(SKIPPED_SUFFIXES):
            return
        if "/feed" in path:
            return
        key = path + ("?" + split.query if split.query else "")
        if key in self.seen:
            return
        if split.query:
            names = tuple(sorted({p.split("=")[0] for p in split.query.split("&")}))
            if (path, names) in self.query_patterns:
                return
            self.query_patterns.add((path, names))
        route = route_of(path)
        if self.per_route[route] >= MAX_PAGES_PER_ROUTE:
            return
        self.per_route[route] += 1
        self.seen.add(key)
        self.queue.append((key, source, 200))

    def problem(self, path, text):
        self.problems.setdefault(path, []).append(text)

    def visit(self, path, source, status):
        before = len(self.tab.requests)
        try:
            response = self.tab.page.goto(self.tab.url(path))
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return  # a file to download (a calendar, a CSV): not a page
            self.problem(path, f"could not load: {error}")
            return
        if response is None or response.status != status:
            got = response.status if response else "no response"
            self.problem(path, f"HTTP {got} (linked from {source or 'start'})")
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return
        if urlsplit(self.tab.page.url).path.startswith(self.skip):
            return  # redirected to the admin (a staff-only page): not public
        name = f"page-{len(self.files):04d}.html"
        (self.html_dir / name).write_bytes(response.body())
        self.files[str(self.html_dir / name)] = path
        self.check_axe(path)
        for url in self.tab.requests[before:]:
            if not self.tab.is_local(url):
                self.problem(path, f"off-site request: {url}")
        if status != 200:
            return  # a missing page's switcher links to missing pages too
        links = self.tab.page.eval_on_selector_all(
            "a[href]", "links => links.map(link => link.getAttribute('href'))"
        )
        for href in links:
            self.add(urljoin(self.tab.url(path), href), source=path)

    def check_axe(self, path):
        results = self.axe.run(
            self.tab.page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        for violation in results.response["violations"]:
            nodes = "\n      ".join(
                f"{' '.join(node['target'])}: {node.get('failureSummary', '')}".replace(
                    "\n", " "
                )
                for node in violation["nodes"][:5]
            )
            self.problem(
                path,
                f"axe {violation['id']} ({violation['impact']}): "
                f"{violation['help']}\n      {nodes}",
            )

    def run(self, start):
        for url in start:
            self.add(url)
        for path in MISSING_PAGES:
            self.tab.expect_console_error(r"status of 404")
            self.seen.add(path)
            self.queue.append((path, "", 404))
        while self.queue:
            self.visit(*self.queue.popleft())
        self.check_error_page()
        self.validate_html()
        for error in self.tab.unexpected_console_errors():
            self.problem("(console)", error)

    def check_error_page(self):
        """The 500 page is never served on purpose: check it as rendered."""
        html = render_to_string("500.html")
        (self.html_dir / "500.html").write_text(html)
        self.files[str(self.html_dir / "500.html")] = "(500.html)"
        self.tab.goto("/fr/")
        self.tab.page.set_content(html)
        self.check_axe("(500.html)")

    def validate_html(self):
        """One Nu Html Checker run over every saved page (the JVM starts slowly)."""
        result = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
             "--exit-zero-always", *self.files],
            capture_output=True, text=True, check=True, timeout=600,
        )  # fmt: skip
        report = json.loads(result.stderr or result.stdout)
        for message in report["messages"]:
            if message.get("type") not in ("error", "non-document-error"):
                continue
            file = urlsplit(message.get("url", "")).path
            path = self.files.get(file, file)
            where = f"line {message.get('lastLine', '?')}"
            extract = message.get("extract", "").strip().replace("\n", " ")
            self.problem(path, f"HTML {where}: {message['message']} [{extract}]")

    def report(self):
        return "\n".join(
            f"{path}\n  - " + "\n  - ".join(problems)
            for path, problems in sorted(self.problems.items())
        )


def sitemap_locations(tab):
    response = tab.page.request.get(tab.url("/sitemap.xml"))
    assert response.ok, "sitemap.xml"
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.fromstring(response.body())
    return [loc.text for loc in root.iter(f"{namespace}loc")]


def test_every_public_page_passes_axe_and_the_html_checker_without_leaving_the_site(
    page, tmp_path
):
    crawler = Crawler(page, tmp_path)
    crawler.run(["/fr/", "/en/", *sitemap_locations(page)])

    print(f"crawled {len(crawler.files)} pages")  # noqa: T201
    assert len(crawler.files) >= 30  # home, list and 13 towns in each language
    assert not crawler.problems, "\n" + crawler.report()


def test_pages_in_states_the_brochure_lacks_pass_axe_and_the_html_checker(
    page, page_states, tmp_path
):
    """A town with its whole story and photos, an event with a gallery..."""
    crawler = Crawler(page, tmp_path)
    for path in page_states.values():
        crawler.visit(path, "", 200)
    crawler.validate_html()
    assert len(crawler.files) == len(page_states)
    assert not crawler.problems, "\n" + crawler.report()


def test_crawler_reports_a_page_with_an_accessibility_error(page, tmp_path):
    """The checks can fail: a page with an unlabelled field and bad HTML."""
    crawler = Crawler(page, tmp_path)
    page.goto("/fr/")
    page.page.set_content(
        "<!doctype html><html lang='fr'><head><title>t</title></head>"
        "<body><main><input type='text'><p><div></p></main></body></html>"
    )
    crawler.check_axe("/broken/")
    (tmp_path / "broken.html").write_text(
        "<!doctype html><html lang=fr><head><title>t</title></head>"
        "<body><main><p><div></div></p></main></body></html>"
    )
    crawler.files[str(tmp_path / "broken.html")] = "/broken/"
    crawler.validate_html()
    report = crawler.report()
    assert "axe label" in report
    assert "HTML line" in report


def test_page_records_off_site_requests_and_console_errors(page):
    """The self-hosting and console checks can fail too."""
    page.goto("/fr/")
    page.page.set_content(
        "<!doctype html><html lang='fr'><head><title>t</title>"
        "<link rel='stylesheet' href='https://cdn.example.org/x.css'></head>"
        "<body><img src='https://tiles.example.org/1/2/3.png' alt=''>"
        "<script>console.error('broken')</script></body></html>"
    )
    assert page.off_site_requests() == [
        "https://cdn.example.org/x.css",
        "https://tiles.example.org/1/2/3.png",
    ]
    # The inline script is either run (and logs) or blocked by the
    # Content-Security-Policy (and the violation is logged): an error either way.
    assert page.unexpected_console_errors()
    page.requests.clear()  # leave the fixture's own final check clean
    page.console_errors.clear()
