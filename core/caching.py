"""Caches of whole pages, emptied at once when the data behind them changes.

Two kinds of pages, one mechanism:

- **Public pages** (`@cache_public_page`): the same bytes for every anonymous
  visitor. `PageCacheMiddleware` (right after RequestIdMiddleware, before
  every other) serves and stores them; in production `PageCacheWSGI`
  (dijon_site/wsgi.py) serves hits even before Django builds a request: one
  cache round trip, no SQL, no template.
- **Shared pages** (`SharedPages`): a page with a form is the same for every
  visitor but for its per-visitor tokens (CSRF, a one-time submission token).
  It is rendered once with marks in place of the tokens, kept a few seconds,
  and each request gets a copy with tokens of its own, from the same two
  places as public pages (before Django, or the middleware).

A stored page is *fresh* while its generations are current and its lifetime
has not run out. When it is not, one request rebuilds it (it takes the
rebuild with an atomic `cache.add`) and the visitors who arrive meanwhile get
the stale copy: under load, an expiring page or an edit costs one rendering,
not one per waiting request. Someone alone (a test, an editor checking their
edit) always gets the rebuilt page.

Invalidation: every stored page carries the *generation* of its data that
was current when its request arrived. A `Generation` is a row of the database
(`core.models.CacheGeneration`), the one source of truth every worker and
every server reads, with one small query per request, whatever the cache
(Redis or each process's memory); `bump()` changes it in the transaction that
changes the data, so other processes see the new generation exactly when they
see the new data, and a request that started before a save can only store its
page under the old generation, never the new one. Apps connect their models
with `invalidate_on_change()` in their `AppConfig.ready`.

Failures: a cache that does not answer is a miss (core/redis_cache.py), the
page is rendered from the database. When the database does not answer, the
generation is the newest this process or the shared cache has seen (data
cannot change while the database is down), so cached pages keep serving.

This module names no app of ours: every app may use it.
"""

import hashlib
import logging
import secrets
import time
import uuid
from functools import wraps
from http import HTTPStatus
from http.cookies import SimpleCookie
from types import SimpleNamespace
from typing import NamedTuple
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
    get_token,
)
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, cc_delim_re, has_vary_header

from core.logging import request_id_from
from core.models import CacheGeneration

logger = logging.getLogger(__name__)

PAGE_KEY_PREFIX = "page-cache:page:"
# Set on a response by the decorator; only such responses may be stored.
CACHEABLE_ATTR = "_public_page_cacheable"
# Set with it when the page asks for a shorter life than PAGE_CACHE_SECONDS.
SECONDS_ATTR = "_public_page_seconds"
# Set with it: the query parameters the page reads.
PARAMS_ATTR = "_public_page_params"
# Query strings longer than this are never cached (no cache flooding).
MAX_QUERY_STRING = 200
# Set on a request whose page must never be cached anywhere (a staff preview).
PRIVATE_ATTR = "page_cache_private"
# Callables `(now) -> seconds or None`: how long a page whose request arrived
# at `now` may still be served (core/publishing.py: until the next scheduled
# change). The shortest wins; under a second, the page is not stored.
PAGE_LIFETIME_LIMITS = []


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


class Generation:
    """The version of some data: a row of the database, read on every request."""

    # The newest token each process has read, per key: the answer while the
    # database does not (see `current`).
    _last_seen = {}

    def __init__(self, key):
        self.key = key

    def current(self, cache=None):
        """The current token, from the database (created when missing).

        Never raises. When the database does not answer, the newer of the
        token this process read last and the shared cache's copy: nothing can
        change while the database is down. None when neither is known: then
        no stored page matches and the page is rendered (or the database's
        absence reported) as for any miss.
        """
        return read_generations([self], cache)[self.key]

    def _read(self):
        return _read_tokens([self.key])[self.key]

    def _last_resort(self, cache):
        candidates = [self._last_seen.get(self.key)]
        try:
            candidates.append((cache or _cache()).get(self.key))
        except Exception:  # a cache that fails too: the process's own copy
            logger.warning("Cache generation unreadable from the cache either")
        known = [token for token in candidates if isinstance(token, str)]
        return max(known, key=_counter, default=None)

    def bump(self, **_signal_kwargs):
        """Make every page of this generation stale, in every process.

        The row changes inside the current transaction: other processes see
        the new token when, and only when, they see the new data. The shared
        cache gets a copy after the commit (used only while the database is
        down). A database error here fails the save itself: data never
        changes without its generation.
        """
        if connection.in_atomic_block and connection.features.has_select_for_update:
            # Lock every generation row in one order before changing one: two
            # transactions bumping two generations in opposite orders (a
            # reception and a town) would otherwise deadlock.
            list(
                CacheGeneration.objects.select_for_update()
                .order_by("key")
                .values_list("key", flat=True)
            )
        updated = CacheGeneration.objects.filter(key=self.key).update(
            counter=F("counter") + 1, nonce=uuid.uuid4().hex
        )
        if not updated:
            self._read()
        transaction.on_commit(self._copy_to_cache)

    def _copy_to_cache(self):
        try:
            _cache().set(self.key, self._read(), timeout=None)
        except Exception:  # the copy is optional; the database has the truth
            logger.warning("Cache generation not copied to the cache")


def read_generations(generations, cache=None):
    """{key: token} of several generations, read in one query.

    Never raises (see `Generation.current`): a generation the database cannot
    give is the last one this process or the shared cache has seen, or None.
    """
    keys = [generation.key for generation in generations]
    try:
        tokens = _read_tokens(keys)
    except DatabaseError:
        logger.warning("Cache generation unreadable: the database does not answer")
        _drop_broken_connection()
        return {g.key: g._last_resort(cache) for g in generations}
    Generation._last_seen.update(tokens)
    return tokens


def _read_tokens(keys):
    # Every request runs this: plain SQL on the primary key, a third of the
    # ORM's cost (`make bench` prints it).
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {quote('key')}, {quote('counter')}, {quote('nonce')} FROM "
        f"{quote(CacheGeneration._meta.db_table)} WHERE {quote('key')} IN "
        f"({', '.join(['%s'] * len(keys))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, keys)
        tokens = {key: f"{counter}.{nonce}" for key, counter, nonce in cursor}
    for key in keys:
        if key not in tokens:
            row, _created = CacheGeneration.objects.get_or_create(
                key=key, defaults={"nonce": uuid.uuid4().hex}
            )
            tokens[key] = f"{row.counter}.{row.nonce}"
    return tokens


def _counter(token):
    try:
        return int(token.split(".", 1)[0])
    except ValueError:
        return -1


def _drop_broken_connection():
    """Close this thread's connection after an error, unless in a transaction,
    so the next request opens a fresh one (the database may be back)."""
    try:
        if not connection.in_atomic_block:
            connection.close()
    except DatabaseError:
        pass


# Every public page: any content change makes them all stale.
PAGES = Generation("page-cache:generation")
GENERATION_KEY = PAGES.key


def current_generation(cache=None):
    return PAGES.current(cache)


def bump_generation():
    """Make every cached public page stale (see `Generation.bump`)."""
    PAGES.bump()


def invalidate_on_change(models, generation=PAGES):
    """Bump `generation` whenever one of `models` is saved or deleted.

    The through tables of their many-to-many fields are connected too, so an
    app passes `self.get_models()` and models it adds later are covered.
    """
    for model in models:
        uid = f"{generation.key}:{model._meta.label}"
        post_save.connect(generation.bump, sender=model, dispatch_uid=uid)
        post_delete.connect(generation.bump, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                generation.bump,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}.{field.name}",
            )


# --- Public pages --------------------------------------------------------------


def cache_public_page(view=None, *, params=(), seconds=None):
    """Let `PageCacheMiddleware` keep this view's anonymous pages in the cache.

    Only for pages that are the same for every visitor: no form, no personal
    data. Responses that set a cookie or vary on cookies are never stored
    anyway, whatever the decorator says. `params` names the query parameters
    the page reads (`@cache_public_page(params=["domain", "town"])`): a URL
    with any other parameter, or one given twice, is never stored, so made-up
    query strings cannot flood the cache; one with only other parameters (a
    link's `utm_source`) is answered with the stored page of the URL without
    them, so they cannot step around it either. `seconds` (a
    number, or a callable returning one) keeps the page a shorter time than
    PAGE_CACHE_SECONDS, for what changes without an edit (seat counts).
    """
    if view is None:
        return lambda view: cache_public_page(view, params=params, seconds=seconds)
    allowed = frozenset(params)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        arrived = timezone.now()
        response = view(request, *args, **kwargs)
        if getattr(request, PRIVATE_ATTR, False):
            add_never_cache_headers(response)
            response["Cache-Control"] = "private, no-store, no-cache, max-age=0"
            return response
        query = request.GET
        if set(query) <= allowed and all(len(query.getlist(k)) == 1 for k in query):
            setattr(response, PARAMS_ATTR, allowed)
            life = None
            if seconds is not None:
                life = seconds() if callable(seconds) else seconds
            limit = lifetime_limit(arrived)
            if limit is not None:
                life = limit if life is None else min(life, limit)
            if life is None or life >= 1:
                setattr(response, CACHEABLE_ATTR, True)
            if life is not None:
                setattr(response, SECONDS_ATTR, life)
        return response

    return wrapper


def page_key(environ, *, bare=False):
    """The cache key of a WSGI request's page, or None when it is not cached.

    Computed from the WSGI environ alone, so the WSGI wrapper (before Django)
    and the middleware (inside it) agree. The host is not validated here: only
    pages Django answered with 200, so for an allowed host, are ever stored.
    `bare`: the key of the same URL without its query string.
    """
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    if path.startswith(_file_prefixes()):
        return None
    cookies = environ.get("HTTP_COOKIE", "")
    if cookies:
        names = parse_cookie(cookies)
        # Signed-in staff, or a visitor with a session: always a fresh page;
        # and one with a message waiting ("Your registration is cancelled"):
        # the page that shows it is the visitor's own.
        if settings.SESSION_COOKIE_NAME in names or CookieStorage.cookie_name in names:
            return None
    query = "" if bare else environ.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_STRING:
        return None
    # The language is in the path (/fr/, /en/); scheme and host appear in
    # the page (hreflang links), so they are part of the key too.
    raw = f"{_scheme(environ)}://{_host(environ)}{path}?{query}"
    return PAGE_KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _scheme(environ):
    """As `HttpRequest.scheme` sees it (SECURE_PROXY_SSL_HEADER included)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def _host(environ):
    """As `HttpRequest.get_host()` reads it, before validation."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        return environ["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in environ:
        return environ["HTTP_HOST"]
    return f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"


def _file_prefixes():
    """Static and media files are never pages: no cache look-up for them."""
    return tuple(
        url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url != "/"
    )


# A stored page outlives its freshness by this many seconds, so that a stale
# copy is at hand for the visitors who arrive while one request rebuilds it.
STALE_SECONDS = 60
# The longest one rebuild may keep the others on the stale copy (a request
# that died while rebuilding: the next one after this takes over).
REBUILD_SECONDS = 10
# The version of the stored entries' shape: an entry of another shape (left
# by an older release in a shared Redis) is a miss.
ENTRY_VERSION = "page-v3"
# Every generation a stored page may depend on (the public pages' and each
# SharedPages'), all read with one query per request.
PAGE_GENERATIONS = [PAGES]


class Lookup(NamedTuple):
    """What the page cache found for a request (see `look_up`)."""

    # (status, headers, body) to answer with now, or None: Django answers.
    answer: tuple | None
    # {generation key: token} read when the request arrived; None: the
    # database is down and no generation is known, nothing is stored.
    generations: dict | None
    # (key, token) of the stale page this request rebuilds, or None.
    rebuild: tuple | None = None


def look_up(key, environ):
    """The stored page for `key` if it may be served, else what storing needs.

    One query (every generation) and one cache read (two for a URL with a
    query string the page may not read). A fresh page is served; a stale one
    too, unless this request is the one to rebuild it. Never raises: a cache
    that fails is a miss, a database that fails leaves the last generations
    known (see `Generation.current`).
    """
    generations = read_generations(PAGE_GENERATIONS)
    if generations[PAGES.key] is None:
        return Lookup(None, None)
    entry = _cache().get(key)
    if not _is_entry(entry) and environ.get("QUERY_STRING"):
        # A link with parameters the page does not read (utm_source...):
        # the page of the bare URL.
        bare = page_key(environ, bare=True)
        entry = _cache().get(bare)
        if _is_entry(entry) and _ignores(entry, environ["QUERY_STRING"]):
            key = bare
        else:
            entry = None
    if not _is_entry(entry):
        return Lookup(None, generations)
    if _is_fresh(entry, generations):
        return Lookup(_answer(entry, environ), generations)
    token = _take_rebuild(key)
    if token is None:
        return Lookup(_answer(entry, environ), generations)
    return Lookup(None, generations, rebuild=(key, token))


def _is_entry(entry):
    return isinstance(entry, tuple) and len(entry) == 9 and entry[0] == ENTRY_VERSION


def _is_fresh(entry, generations):
    _version, depends_on, fresh_until, *_page = entry
    return time.time() < fresh_until and all(
        generations.get(key) == token for key, token in depends_on.items()
    )


def _ignores(entry, query):
    """True when the stored page reads none of the query's parameters."""
    params = entry[7]
    names = {name for name, _value in parse_qsl(query, keep_blank_values=True)}
    return not names & params


def _take_rebuild(key):
    """A token for the one request that rebuilds `key`'s stale page; None
    for the others (a cache that fails: everyone renders)."""
    token = uuid.uuid4().hex
    try:
        taken = _cache().add(f"{key}:rebuild", token, REBUILD_SECONDS)
    except Exception:
        return token
    return token if taken else None


def _end_rebuild(rebuild):
    """Let the next stale visit rebuild again, unless the mark is another's
    (this rebuild outlived REBUILD_SECONDS and someone took over)."""
    key, token = rebuild
    try:
        if _cache().get(f"{key}:rebuild") == token:
            _cache().delete(f"{key}:rebuild")
    except Exception:  # it expires by itself
        logger.warning("Page rebuild mark not removed")


def _answer(entry, environ):
    (
        _version,
        _depends,
        fresh_until,
        status,
        headers,
        body,
        shared,
        _params,
        shared_seconds,
    ) = entry
    if shared:
        return SharedPages.personalise(status, headers, body, environ)
    left = int(fresh_until - time.time())
    if shared_seconds is not None and left < shared_seconds:
        # Shared caches (nginx, a CDN) keep it no longer than it is fresh
        # here: to the next scheduled change, and not at all once stale.
        from core.http_caching import public_cache_control

        control = public_cache_control(max(left, 0))
        headers = [
            (name, control if name.lower() == "cache-control" else value)
            for name, value in headers
        ]
    return status, headers, body


# The WSGI wrapper leaves its lookup here for the middleware, and the
# middleware says here that it ended the rebuild.
ENVIRON_LOOKUP = "dijon.page_cache.lookup"
ENVIRON_REBUILD_ENDED = "dijon.page_cache.rebuild_ended"


class PageCacheMiddleware:
    """Serve and store public and shared pages (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request.META)
        if key is None:
            return self.get_response(request)
        found = request.META.get(ENVIRON_LOOKUP)
        if found is None:
            found = look_up(key, request.META)
            if found.answer is not None:
                return _response(found.answer)
        try:
            response = self.get_response(request)
            if found.generations is not None:
                _store(key, request, response, found)
        finally:
            if found.rebuild:
                _end_rebuild(found.rebuild)
                request.META[ENVIRON_REBUILD_ENDED] = True
        return response


# Answers that say a rebuilt page is gone (unpublished, moved): its stale
# copy may not be served again. Others (a 500, a cookie for one visitor)
# leave it for the next visitor to rebuild.
GONE = {301, 302, 303, 307, 308, 404, 410}


def _store(key, request, response, found):
    """Keep the response for later visitors when it may be shared."""
    shared = getattr(response, SHARED_ATTR, None)
    if (
        shared is not None
        and response.status_code == 200
        and not request.META.get("QUERY_STRING")  # any query gets this page
        and _only_csrf(response)
    ):
        body, generation_key, life = shared
        depends_on = {generation_key: found.generations[generation_key]}
        params, shared_seconds = frozenset(), None
    elif storable(request, response):
        body = response.content
        life = min(_timeout(), getattr(response, SECONDS_ATTR, _timeout()))
        depends_on = {}
        params = getattr(response, PARAMS_ATTR, frozenset())
        shared_seconds = _shared_seconds(response)
    else:
        if found.rebuild and response.status_code in GONE:
            _cache().delete(found.rebuild[0])
        return
    depends_on[PAGES.key] = found.generations[PAGES.key]
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in PER_REQUEST_HEADERS
    ]
    entry = (
        ENTRY_VERSION,
        depends_on,
        time.time() + life,
        response.status_code,
        headers,
        body,
        shared is not None,
        params,
        shared_seconds,
    )
    _cache().set(key, entry, life + STALE_SECONDS)


def _shared_seconds(response):
    """The s-maxage the response gives shared caches, or None."""
    for directive in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _sep, value = directive.strip().partition("=")
        if name.lower() == "s-maxage" and value.isdigit():
            return int(value)
    return None


def _only_csrf(response):
    """A shared page sets no cookie but the CSRF one (each visitor gets theirs)."""
    return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}


def _response(answer):
    status, headers, body = answer
    response = HttpResponse(body, status=status)
    for name, value in headers:
        if name.lower() == "set-cookie":
            continue  # Django writes the cookies below
        response[name] = value
    for cookie in SimpleCookie(
        "; ".join(value for name, value in headers if name.lower() == "set-cookie")
    ).values():
        response.cookies[cookie.key] = cookie
    return response


def lifetime_limit(arrived):
    """The shortest of PAGE_LIFETIME_LIMITS for a request that arrived then.

    None when no limit applies.
    """
    values = [limit(arrived) for limit in PAGE_LIFETIME_LIMITS]
    values = [value for value in values if value is not None]
    return min(values) if values else None


class PageCacheWSGI:
    """Serve stored pages before Django even builds a request.

    Wraps the WSGI application (`dijon_site/wsgi.py`): a hit costs one query,
    one cache round trip and the bytes and headers Django sent the first time
    (with tokens of the visitor's own on a shared page). Misses go on to
    Django, where `PageCacheMiddleware` stores what may be stored.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        key = page_key(environ)
        if key is None:
            return self.application(environ, start_response)
        found = look_up(key, environ)
        if found.answer is not None:
            status, headers, body = found.answer
            request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))
            headers = [*headers, ("X-Request-ID", request_id)]
            start_response(f"{status} {HTTPStatus(status).phrase}", headers)
            return [body]
        environ[ENVIRON_LOOKUP] = found
        try:
            return self.application(environ, start_response)
        finally:
            if found.rebuild and not environ.get(ENVIRON_REBUILD_ENDED):
                _end_rebuild(found.rebuild)  # Django never reached the middleware


def storable(request, response):
    """May this response be served to every anonymous visitor of its URL?

    Only GET requests without a session reach this (`page_key`). Each guard
    is one reason a page can belong to one visitor only: the view
    did not opt in, the answer is not a plain 200 page, it sets a cookie
    (a CSRF token for a form, a session, a language), it depends on the
    visitor's cookies (`Vary: Cookie`: the session or user was read), or the
    view said so in `Cache-Control`.
    """
    if not getattr(response, CACHEABLE_ATTR, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if has_vary_header(response, "Cookie"):
        return False
    directives = {
        d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & {"private", "no-store", "no-cache"}


# Headers that belong to one request, not to the page: never replayed.
PER_REQUEST_HEADERS = {"x-request-id"}


# --- Shared pages with per-visitor tokens ----------------------------------------

# Set on a shared page's response: (body with the marks, generation key,
# seconds it stays fresh), for `PageCacheMiddleware` to store.
SHARED_ATTR = "_shared_page"


class SharedPages:
    """Pages with a form, rendered once for all visitors, kept a few seconds.

    Render the page with `CSRF_MARK` as the CSRF token and `TOKEN_MARK` where
    a one-time token goes, and answer with `respond()`. The page cache keeps
    the marked page and gives every later visitor a copy with a CSRF token of
    their own (their cookie's, or a new one with its cookie) and a fresh
    one-time token, as a `private, no-store` page never kept by browsers or
    proxies. `generation.bump` (connected with `invalidate_on_change`) makes
    every stored page stale at once, as any content change does; `timeout`
    (seconds, or a callable returning them) bounds how long a page may lag
    behind what only time changes.
    """

    CSRF_MARK = "csrf0placeholder0for0each0visitor"
    TOKEN_MARK = "token0placeholder0for0each0visitor"

    def __init__(self, name, *, timeout):
        self.name = name
        self.generation = Generation(f"{name}:generation")
        self.timeout = timeout
        PAGE_GENERATIONS.append(self.generation)

    def respond(self, request, html):
        """The visitor's page from HTML rendered with the marks, to be kept
        by the page cache for the next visitors (unless this request's page
        cannot be shared: a preview, a visitor with a session)."""
        response = HttpResponse(
            html.replace(self.CSRF_MARK, get_token(request)).replace(
                self.TOKEN_MARK, secrets.token_urlsafe(24)
            )
        )
        response["Cache-Control"] = "private, no-store"
        timeout = self.timeout() if callable(self.timeout) else self.timeout
        limit = lifetime_limit(timezone.now())
        if limit is not None:
            timeout = min(timeout, limit)
        if timeout >= 1 and not getattr(request, PRIVATE_ATTR, False):
            body = html.encode()
            setattr(response, SHARED_ATTR, (body, self.generation.key, timeout))
        return response

    @classmethod
    def personalise(cls, status, headers, body, environ):
        """A stored page with the visitor's own tokens, and its CSRF cookie."""
        meta = {}
        cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
        secret = cookies.get(settings.CSRF_COOKIE_NAME, "")
        if not set(secret) <= _CSRF_CHARS:
            secret = ""
        if len(secret) == CSRF_TOKEN_LENGTH:
            # Set by Django before 4.1, masked: its secret, as Django reads it.
            secret = _unmask_cipher_token(secret)
        if len(secret) == CSRF_SECRET_LENGTH:
            meta["CSRF_COOKIE"] = secret
        token = get_token(SimpleNamespace(META=meta))
        body = body.replace(cls.CSRF_MARK.encode(), token.encode()).replace(
            cls.TOKEN_MARK.encode(), secrets.token_urlsafe(24).encode()
        )
        # The cookie Django's CsrfViewMiddleware sets, with the same settings.
        carrier = HttpResponse()
        carrier.set_cookie(
            settings.CSRF_COOKIE_NAME,
            meta["CSRF_COOKIE"],
            max_age=settings.CSRF_COOKIE_AGE,
            domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH,
            secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY,
            samesite=settings.CSRF_COOKIE_SAMESITE,
        )
        headers = [
            *(
                (name, value)
                for name, value in headers
                if name.lower() != "content-length"
            ),
            ("Content-Length", str(len(body))),
            *(("Set-Cookie", c.output(header="")) for c in carrier.cookies.values()),
        ]
        return status, headers, body


_CSRF_CHARS = frozenset(CSRF_ALLOWED_CHARS)
