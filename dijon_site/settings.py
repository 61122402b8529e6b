"""Settings for the Dijon international-relations site.

Every setting that differs between a laptop and production is read from the
environment (twelve-factor); `.env.example` lists them all.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file (KEY=value lines, as in .env.example) when one exists: values
# already in the environment win over it. ENV_FILE names another file
# (systemd's EnvironmentFile, for one); ENV_FILE= (empty) reads none.
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

# --- Core -------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see README, production)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -----------------------------------------------------------
INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Third party
    "django_countries",
    "django_ratelimit",
    "axes",
    "django_tasks",
    # django_tasks_db, named in the staff's language.
    "dijon_site.apps.BackgroundTasksConfig",
    "reversion",
    # Ours: `core` first (what every app shares), `dijon_site` wires them.
    "core",
    "dijon_site",
    "twinning",
    "programmes",
    "students",
    "legal",
]

MIDDLEWARE = [
    # First, so every log line of the request (errors included) carries its id.
    "core.middleware.RequestIdMiddleware",
    # First: serves cached public pages before anything else runs, and stores
    # them with the headers every middleware below has added (security
    # headers included). Static files pass straight through to WhiteNoise.
    # Before the page cache: a conditional request for an unchanged page
    # (If-None-Match, its ETag) gets 304 Not Modified, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "core.caching.PageCacheMiddleware",
    # Right after it, so stored pages keep them: Cache-Control (public with a
    # short shared-cache life, or private, no-store) and ETag (core/http_caching.py).
    "core.http_caching.HttpCachingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

# Widgets drawn with Jinja2 and <select> in Python: the same HTML, several
# times faster (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FastFormRenderer"

ROOT_URLCONF = "dijon_site.urls"
WSGI_APPLICATION = "dijon_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dijon_site.context_processors.site",
                "dijon_site.context_processors.department",
                "dijon_site.context_processors.legal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# SQLite is only the embedded default for a laptop; CI and production use
# PostgreSQL through DATABASE_URL (postgres://user:password@host:5432/name).
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# Persistent connections: each worker thread keeps its connection for
# CONN_MAX_AGE seconds instead of opening one per request (a PostgreSQL
# connection costs a few milliseconds); the health check replaces a connection
# the server closed (restart, failover) before a request uses it. Off in
# development so runserver's threads do not hold connections.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "CONN_MAX_AGE", default=0 if DEBUG else 600
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool(
    "CONN_HEALTH_CHECKS", default=True
)
# A database that does not answer is reported at once (a 503 page with
# Retry-After, /healthz), not after the driver's own minutes-long wait.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
# Seconds a 503 page (the database down) asks browsers and robots to wait.
RETRY_AFTER_SECONDS = env.int("RETRY_AFTER_SECONDS", default=30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite shared by the server and the task worker (`make run`): readers
    # never wait for a writer (WAL), and a transaction that will write takes
    # the lock when it starts (waiting up to 20 s for it) instead of failing
    # with "database is locked" when it tries to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -----------------------------------------------------
# Several app servers share one Redis; process memory is only for one process
# on a laptop. Sessions never live in process memory: the database, with Redis
# in front of it when there is one, so any server can serve any visitor.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # django-redis: one client and connection pool per process, reused by
    # every thread (Django's own backend builds a client per operation).
    # Redis is a cache, never a reason to fail or to wait: short socket
    # timeouts (seconds), and the default cache treats any Redis failure as
    # a miss and leaves Redis alone for REDIS_RETRY_SECONDS after one
    # (core/redis_cache.py; README, "When a part fails").
    _redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
            "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.5),
        },
    }
    CACHES = {
        "default": {
            **_redis,
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "OPTIONS": {
                **_redis["OPTIONS"],
                "RETRY_SECONDS": env.float("REDIS_RETRY_SECONDS", default=2.0),
            },
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="dijon"),
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# django-ratelimit counts in the database, whatever the cache: every worker
# and server shares the counts (with Redis or without), each increment is one
# atomic SQL statement, pages can never evict a counter, and a Redis outage
# leaves the limits exactly as they were (core/counters.py).
CACHES["ratelimit"] = {"BACKEND": "core.counters.DatabaseCounterCache"}
RATELIMIT_USE_CACHE = "ratelimit"
# Caches whose content every worker and server must share (counters):
# `check --deploy` warns when one lives in process memory with several workers
# (core/checks.py). Same default as gunicorn.conf.py.
SHARED_CACHES = [RATELIMIT_USE_CACHE]
WEB_CONCURRENCY = env.int("WEB_CONCURRENCY", default=(os.cpu_count() or 1) + 1)
# "Not officially supported": django-ratelimit knows only the caches it lists.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# Whole public pages for anonymous visitors (core/caching.py). A save or
# delete of any content model empties the page cache at once.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Serve cache hits in the WSGI entry point, before Django and its middleware
# (twice the throughput; such hits skip Django's per-request log line).
PAGE_CACHE_BEFORE_DJANGO = env.bool("PAGE_CACHE_BEFORE_DJANGO", default=True)

# HTTP caching (core/http_caching.py): how many seconds a shared cache
# (nginx's micro-cache, a CDN) may keep a public page, then serve it stale
# while it fetches a fresh one. Browsers always revalidate (304 when
# unchanged). An edit shows through shared caches within the sum.
HTTP_CACHE_SECONDS = env.int("HTTP_CACHE_SECONDS", default=30)
HTTP_CACHE_STALE_SECONDS = env.int("HTTP_CACHE_STALE_SECONDS", default=30)

# --- Passwords --------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages and time -----------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True
# British English and the city's French (“1er septembre 2027 à 9 h”): our own
# date and time formats first, Django's for everything they do not set.
FORMAT_MODULE_PATH = ["dijon_site.formats"]

# The page on personal data and cookies, which the registration form and its
# emails link to (students names no other app: it reads the URL name here).
PRIVACY_NOTICE_URL_NAME = "legal:personal-data"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
# Both ways: an empty English text shows the French one, and an empty French
# text the English one (marked with its lang on the page: core/translations.py).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en")}
# The admin's translation tabs need jQuery UI: serve our vendored copy instead
# of the third-party CDN modeltranslation points at by default.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

COUNTRIES_FIRST = ["FR"]

# --- Static and media files -------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

# Media: a local folder by default (served by the web server, see README);
# an S3-compatible bucket through django-storages when a bucket is named, so
# several app servers share the same uploads.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Public images: plain URLs that caches can keep, no expiring
            # signatures; the bucket (or its CDN) must allow public reads.
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "max-age=86400, public"},
        },
    }
    # Where image URLs point, for the Content-Security-Policy: the custom
    # domain, else the endpoint in path or virtual-host style.
    if env.str("AWS_S3_CUSTOM_DOMAIN", default=""):
        MEDIA_ORIGINS = [f"https://{env.str('AWS_S3_CUSTOM_DOMAIN')}"]
    else:
        _endpoint = urlsplit(
            env.str("AWS_S3_ENDPOINT_URL", default="") or "https://s3.amazonaws.com"
        )
        MEDIA_ORIGINS = [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{_endpoint.netloc}",
        ]
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# `manage.py backup` (`make backup`) writes a folder per backup here: the
# database and MEDIA_ROOT; keep it off the web server's paths (personal data).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))

# Uploaded images: refused above this size in bytes or this many pixels.
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)

# --- Email ------------------------------------------------------------------
# Console by default; set EMAIL_URL (smtp+tls://user:password@host:587) for SMTP.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Ville de Dijon <ri@ville-dijon.fr>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# Seconds an SMTP connection may block: a hanging mail server then fails the
# send (retried later by the worker) instead of holding a worker forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# With DEBUG off, `check --deploy` refuses the console backend (it would print
# students' addresses into the logs) unless this says it is wanted.
ALLOW_CONSOLE_EMAIL = env.bool("ALLOW_CONSOLE_EMAIL", default=False)

# --- Background tasks -------------------------------------------------------
# Emails and periodic work run in `manage.py db_worker` (django-tasks, the
# backport of Django 6.0's django.tasks): tasks are rows of the site's own
# database, so no other service runs. TASKS_BACKEND=immediate runs them inside
# the request instead (tests, or a site without a worker: not recommended).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env.str("TASKS_BACKEND", default="database")]
    }
}
# Minutes between a failed send and the next try; after the last one the
# message is marked failed (staff see it and can send it again).
MESSAGE_RETRY_MINUTES = env.list(
    "MESSAGE_RETRY_MINUTES", cast=float, default=[1, 5, 30, 120, 720]
)
# An email "being sent" for longer than this (and 6 x EMAIL_TIMEOUT) was left
# by a worker that died: the periodic work sends it again.
MESSAGE_SEND_LEASE_SECONDS = env.int("MESSAGE_SEND_LEASE_SECONDS", default=120)
# Periodic work (expiring holds, the waiting list, reminders, the outbox, the
# retention purge) runs every this many seconds from the task system.
MAINTENANCE_INTERVAL_SECONDS = env.int("MAINTENANCE_INTERVAL_SECONDS", default=60)
# Rows of finished tasks (a periodic run a minute, one per email) are deleted
# this many days after they finished, by the periodic work.
TASK_RESULT_RETENTION_DAYS = env.int("TASK_RESULT_RETENTION_DAYS", default=7)

# Absolute links in emails (confirmation, the student's page).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- Student receptions -----------------------------------------------------
# Sign-ups and link resends (e.g. "300/h", "5/m"; over a limit the visitor
# gets a 429 page): per network address, high enough for a campus where
# hundreds of students share one address when registration opens; per email
# address, from any network; per reception, from all addresses together.
REGISTRATION_RATE_LIMIT = env.str("REGISTRATION_RATE_LIMIT", default="300/h")
REGISTRATION_RATE_LIMIT_PER_EMAIL = env.str(
    "REGISTRATION_RATE_LIMIT_PER_EMAIL", default="10/h"
)
REGISTRATION_RATE_LIMIT_PER_RECEPTION = env.str(
    "REGISTRATION_RATE_LIMIT_PER_RECEPTION", default="600/h"
)
# How long a pending (unconfirmed) registration holds its seat.
REGISTRATION_PENDING_HOURS = env.int("REGISTRATION_PENDING_HOURS", default=48)
# `manage.py purge_registrations` anonymises registrations of receptions that
# ended more than this many days ago.
REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=180)
# A reception page is rendered once for all visitors and kept this many seconds
# at most (any registration or edit drops it at once; see core.caching.SharedPages).
RECEPTION_PAGE_SECONDS = env.int("RECEPTION_PAGE_SECONDS", default=10)

# --- Security ---------------------------------------------------------------
# Production defaults are the safe ones; DEBUG (a laptop, plain HTTP) relaxes
# only what cannot work without TLS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Behind the city's reverse proxy, which terminates TLS and says so in
# X-Forwarded-Proto: only set this when the proxy always sets (or strips) it.
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For in front of the app (nginx: 1);
# used to find the visitor's address for the login lockout. 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Rate limits (django-ratelimit, key="ip") count per visitor, not per proxy.
RATELIMIT_IP_META_KEY = "core.http.client_ip"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# One-time messages (e.g. "Ana Silva is checked in") travel in a signed
# cookie, never in the session table, where they would outlive the purge of
# students' data.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "dijon_site.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4): our own origin only, no inline script
# or style, nothing from a third-party host. Uploaded images may come from the
# media bucket when one is configured (the city's own storage).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# Powerful browser features the site never uses are switched off.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# --- Admin login lockout (django-axes) --------------------------------------
# Failed logins are counted in the database (shared by every worker and app
# server). Within AXES_COOLOFF_MINUTES, AXES_FAILURE_LIMIT failures lock the
# account whatever addresses they came from, and lock the address whatever
# accounts it tried, until the cool-off time has passed. Staff get back in
# earlier by resetting their password by email (linked from the login and
# lockout pages), or an administrator lifts it (README, "The admin").
AUTHENTICATION_BACKENDS = [
    "dijon_site.auth.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dijon_site.auth.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_USERNAME_CALLABLE = "dijon_site.auth.login_username"
# Password-reset emails asked for, per address and per email (silently
# ignored above it): no mailbox flooded through the form.
PASSWORD_RESET_RATE_LIMIT = env.str("PASSWORD_RESET_RATE_LIMIT", default="5/h")
# Days successful admin logins (time, address, browser) are kept for audit;
# `manage.py daily_maintenance` forgets older ones.
LOGIN_LOG_RETENTION_DAYS = env.int("LOGIN_LOG_RETENTION_DAYS", default=90)
# No usernames or addresses in the logs (they are in the admin's lists).
AXES_VERBOSE = False

# --- Logging ----------------------------------------------------------------
# One JSON object per line on stdout (journald or the container runtime keeps
# them), each with the id of the request it belongs to. No personal data: the
# request log has the path without its query string, never a form's content.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.logging.RequestIdFilter"},
        "route_path": {"()": "core.logging.RoutePathFilter"},
    },
    "formatters": {
        "json": {
            "()": "core.logging.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level"},
            # ISO 8601 in UTC, whatever the server's time zone.
            "timestamp": "time",
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id", "route_path"],
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Our one line per request replaces these (they print query strings).
        "django.server": {"level": "WARNING"},
    },
}

# --- Admin ------------------------------------------------------------------
# The admin lives under /<lang>/<ADMIN_URL>; change it to keep it off scanners.
ADMIN_URL = env.str("ADMIN_URL", default="admin/")
