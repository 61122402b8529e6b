"""Helpers for tests that run the site as production runs it: in subprocesses,
with DEBUG off and the environment a city's server would have."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env(**overrides):
    """The environment of a production server (see README), plus overrides."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AWS_", "SECURE_", "PYTEST"))
        and key not in {"DEBUG", "REDIS_URL", "ADMIN_URL", "BEHIND_TLS_PROXY"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="international.dijon.fr",
        CSRF_TRUSTED_ORIGINS="https://international.dijon.fr",
        BEHIND_TLS_PROXY="1",
        TRUSTED_PROXY_COUNT="1",
        DJANGO_SETTINGS_MODULE="dijon_site.settings",
        # Nothing here touches a database unless a test gives its own.
        DATABASE_URL="sqlite://:memory:",
        # Production shares its cache; nothing connects to it unless used.
        REDIS_URL="redis://127.0.0.1:6379/0",
        # Production sends through SMTP; `check --deploy` refuses the console.
        EMAIL_URL="dummymail://",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(*args, env, timeout=120):
    """Runs `manage.py ARGS` in a fresh process; returns the completed process."""
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def python(code, *, env, timeout=60):
    """Runs Python CODE after django.setup() in a fresh process."""
    prelude = "import django\ndjango.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
