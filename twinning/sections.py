"""Sections that apps add to a twin town's page, which twinning does not know.

Like `admin.site.register`, an app registers its sections in its
`AppConfig.ready`; the town page prefetches what each section needs in one
query per section and renders them in order. Twinning names no other app.

    town_sections.register(
        "news",
        template="news/includes/town_news.html",
        prefetch=lambda: Prefetch(
            "articles",  # the related name of the other app's ForeignKey
            queryset=Article.objects.published(),
            to_attr="published_articles",
        ),
        order=40,
    )

The template is included with the page's context (`town` among it); the
prefetched list is on the town under the Prefetch's `to_attr`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch


@dataclass(frozen=True)
class TownSection:
    """One block of the town page, after the town's own facts."""

    name: str
    template: str
    prefetch: Callable[[], Prefetch] | None = None
    order: int = 100


class TownSections:
    """The registry of town-page sections (one per site, `town_sections`)."""

    def __init__(self):
        self._sections = {}

    def register(self, name, *, template, prefetch=None, order=100):
        """Add a section; registering a name again replaces it."""
        self._sections[name] = TownSection(name, template, prefetch, order)

    def unregister(self, name):
        self._sections.pop(name, None)

    def __iter__(self):
        return iter(sorted(self._sections.values(), key=lambda s: (s.order, s.name)))

    def prefetches(self):
        """The Prefetch objects of every section, for the town's queryset."""
        return [section.prefetch() for section in self if section.prefetch]


town_sections = TownSections()
