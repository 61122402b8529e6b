"""The home page is light on a first visit, as served in production.

The static files are collected with the production storage (hashed names,
gzip and Brotli copies made by WhiteNoise), then every file the home page
references is counted at the size a browser would download: the Brotli copy
when there is one, else the gzip copy, else the file itself.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024
PRODUCTION_STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """STATIC_ROOT as `collectstatic` leaves it in production."""
    root = tmp_path_factory.mktemp("static")
    from django.test import override_settings

    storages = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STATIC},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STATIC},
    }
    return collected


class Assets(HTMLParser):
    """The URLs a browser fetches to show the page (one per <picture>)."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.scripts = []
        self.picture = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set(attrs.get("rel", "").split()) & {
            "stylesheet",
            "icon",
            "preload",
            "modulepreload",
        }:
            self.urls.append(attrs["href"])
        elif tag == "script":
            self.scripts.append(attrs)
            if attrs.get("src"):
                self.urls.append(attrs["src"])
        elif tag == "picture":
            self.picture = []
        elif tag in ("source", "img"):
            candidates = [
                entry.split()[0]
                for entry in (attrs.get("srcset") or attrs.get("src") or "").split(",")
                if entry.strip()
            ]
            if self.picture is None:
                self.urls.extend(candidates[-1:])
            elif not self.picture:
                self.picture.extend(candidates[-1:])  # widest of the best format

    def handle_endtag(self, tag):
        if tag == "picture":
            self.urls.extend(self.picture or [])
            self.picture = None


def served_size(url, static_root, media_root):
    if url.startswith(django_settings.STATIC_URL):
        path = Path(static_root) / url.removeprefix(django_settings.STATIC_URL)
    elif url.startswith(django_settings.MEDIA_URL):
        path = Path(media_root) / url.removeprefix(django_settings.MEDIA_URL)
    else:
        raise AssertionError(f"{url} is not served by this site")
    for suffix in (".br", ".gz", ""):
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            return candidate.stat().st_size, path
    raise AssertionError(f"{url} does not exist")


def css_references(css_path, css_url):
    text = css_path.read_text()
    for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text):
        if not ref.startswith(("data:", "#")):
            yield urljoin(css_url, ref)


def first_visit(client, url, static_root, media_root):
    """(total bytes, {url: bytes}) of the page and everything it loads."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content
    parser = Assets()
    parser.feed(html.decode())
    sizes = {url: len(html)}
    pending = list(parser.urls)
    while pending:
        asset = pending.pop()
        if asset in sizes:
            continue
        size, path = served_size(asset, static_root, media_root)
        sizes[asset] = size
        if path.suffix == ".css":
            pending.extend(css_references(path, asset))
    return sum(sizes.values()), sizes, parser


@pytest.mark.parametrize("url", ["/fr/", "/en/"])
def test_home_page_first_visit_weighs_less_than_150_kb(
    client, initial_data, production_static, media_root, url
):
    total, sizes, _parser = first_visit(client, url, production_static, media_root)
    assert len(sizes) >= 3  # the page, its stylesheet and icon at least
    assert total < BUDGET, sizes


def test_static_files_have_hashed_names_and_compressed_copies(
    client, initial_data, production_static, media_root
):
    _total, sizes, _parser = first_visit(client, "/fr/", production_static, media_root)
    stylesheet = next(url for url in sizes if url.endswith(".css"))
    assert re.search(r"/site\.[0-9a-f]{12}\.css$", stylesheet)
    path = Path(production_static) / stylesheet.removeprefix("/static/")
    assert path.with_name(path.name + ".gz").exists()
    assert path.with_name(path.name + ".br").exists()


def test_no_script_blocks_rendering(client, initial_data, production_static):
    _total, _sizes, parser = first_visit(client, "/fr/", production_static, None)
    for script in parser.scripts:
        assert script.get("src"), "inline script"
        assert "defer" in script or "async" in script or script.get("type") == "module"
