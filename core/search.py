"""Site search: a registry each app fills with what it publishes, and the
search over it.

An app registers its published records in its `AppConfig.ready`, the way apps
register with `admin.site`; core names none of them:

    site_search.register(
        "towns",
        label=_("Twin towns"),
        queryset=lambda: Town.objects.published(),
        fields=["name", "title", "description"],  # most important first
        snippet=["title", "description"],  # the first that is not empty
        order=10,
    )

Translated fields (modeltranslation's `name_fr`, `name_en`) are searched in
every language, so "Mayence" and "Mainz" both find Mainz whichever language
the visitor reads.

On PostgreSQL the search is full-text: each language's column is analysed with
its own configuration (`french_unaccent`, `english_unaccent`: the language's
stemming after `unaccent`, created by core's migration), so "jumelages" finds
"jumelage" and "guimaraes" finds "Guimarães"; results are ranked, title
matches first. Elsewhere (SQLite in development and tests) a simpler
fallback compares words without accents nor case, allowing a plural "s".
Either way: one query per registered kind, whatever the query.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# A query longer than this is cut (a search box needs a few words, not pages).
MAX_QUERY_LENGTH = 100
MAX_WORDS = 10
RESULTS_PER_KIND = 20
SNIPPET_WORDS = 30
CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
FALLBACK_CONFIG = "simple_unaccent"


@dataclass
class SearchKind:
    key: str
    label: str
    queryset: object
    fields: list
    snippet: str = ""
    order: int = 100
    title: str = ""


@dataclass
class SearchGroup:
    kind: SearchKind
    results: list = field(default_factory=list)


@dataclass
class SearchResult:
    title: str
    url: str
    snippet: str


class SearchRegistry:
    def __init__(self):
        self._kinds = {}

    def register(
        self, key, *, label, queryset, fields, snippet="", order=100, title=""
    ):
        """`queryset`: a callable returning the published records; `fields`:
        the fields searched, most important first (the first one, or
        `title`, is the result's title)."""
        self._kinds[key] = SearchKind(
            key, label, queryset, list(fields), snippet, order, title or fields[0]
        )

    def kinds(self):
        return sorted(self._kinds.values(), key=lambda kind: (kind.order, kind.key))

    def search(self, query):
        """The results for `query`, grouped by kind (kinds without any left
        out); an empty list for an empty query."""
        query = clean_query(query)
        if not query:
            return []
        groups = []
        for kind in self.kinds():
            records = _search_kind(kind, query)
            if records:
                groups.append(
                    SearchGroup(kind, [_result(kind, r, query) for r in records])
                )
        return groups


site_search = SearchRegistry()


def clean_query(query):
    """The query as the search reads it: printable characters only, spaces
    collapsed, at most MAX_QUERY_LENGTH characters and MAX_WORDS words."""
    query = "".join(
        " " if unicodedata.category(char)[0] in "CZ" else char
        for char in str(query or "")[: MAX_QUERY_LENGTH * 4]
    )
    words = query.split()[:MAX_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def _columns(model, name):
    """(column, language) pairs for a field: one per language when translated."""
    names = {f.name for f in model._meta.get_fields()}
    translated = [
        (f"{name}_{code}", code)
        for code, _label in settings.LANGUAGES
        if f"{name}_{code}" in names
    ]
    return translated or [(name, None)]


def _search_kind(kind, query):
    queryset = kind.queryset()
    if connection.vendor == "postgresql":
        return _postgresql(kind, queryset, query)
    return _fallback(kind, queryset, query)


def _postgresql(kind, queryset, query):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    model = queryset.model
    vector = None
    for position, name in enumerate(kind.fields):
        weight = "A" if position == 0 else "B" if position == 1 else "C"
        for column, code in _columns(model, name):
            part = SearchVector(
                column, config=CONFIGS.get(code, FALLBACK_CONFIG), weight=weight
            )
            vector = part if vector is None else vector + part
    configs = [CONFIGS[code] for code, _label in settings.LANGUAGES if code in CONFIGS]
    search = None
    for config in dict.fromkeys(
        [CONFIGS.get(get_language(), FALLBACK_CONFIG)] + configs
    ):
        part = SearchQuery(query, config=config, search_type="websearch")
        search = part if search is None else search | part
    return list(
        queryset.annotate(search_rank=SearchRank(vector, search))
        .filter(search_rank__gt=0)
        .order_by("-search_rank", "pk")[:RESULTS_PER_KIND]
    )


def fold(text):
    """Lower case without accents: “Guimarães” → “guimaraes”."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word):
    return word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word


def _words(text):
    return [_stem(word) for word in re.findall(r"\w+", fold(text))]


def _fallback(kind, queryset, query):
    """Every query word (or its singular) must appear among the record's words.

    The database narrows nothing here: the site publishes a few hundred
    records at most, read in one query per kind."""
    wanted = set(_words(query))
    if not wanted:
        return []
    model = queryset.model
    columns = [
        column for name in kind.fields for column, _code in _columns(model, name)
    ]
    found = []
    for record in queryset:
        words = set()
        for column in columns:
            words.update(_words(getattr(record, column, "")))
        if wanted <= words:
            found.append(record)
    return found[:RESULTS_PER_KIND]


def _result(kind, record, query):
    title = str(getattr(record, kind.title, "") or record)
    snippets = [kind.snippet] if isinstance(kind.snippet, str) else kind.snippet
    texts = [
        str(value)
        for name in dict.fromkeys([*snippets, *kind.fields])
        if name and name != kind.title and (value := getattr(record, name, ""))
    ]
    wanted = set(_words(query))
    # The first text where a word of the query appears, else the first text.
    text = next(
        (text for text in texts if wanted & set(_words(text))),
        texts[0] if texts else "",
    )
    return SearchResult(title, record.get_absolute_url(), highlight(text, query))


def highlight(text, query):
    """About SNIPPET_WORDS words of the text around the first word the query
    matches (its beginning when none does), escaped, the query's words in
    <mark>."""
    wanted = set(_words(query))
    words = text.split()
    first = next((i for i, word in enumerate(words) if wanted & set(_words(word))), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = words[start : start + SNIPPET_WORDS]
    text = ("… " if start else "") + " ".join(window)
    if start + SNIPPET_WORDS < len(words):
        text += " …"
    parts = []
    for token in re.split(r"(\w+)", text):
        if token and re.fullmatch(r"\w+", token) and _stem(fold(token)) in wanted:
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    return mark_safe("".join(parts))
