"""Production configuration: what `manage.py check --deploy` and the settings
say when the site runs with DEBUG off and a production environment."""

import json
import os
import re
import subprocess

from django.utils.module_loading import import_string
from django_redis.cache import RedisCache

from tests.production import BASE_DIR, manage, production_env, python


def production_settings(*names, **env):
    code = (
        "import json\nfrom django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}},"
        " default=str))"
    )
    result = python(code, env=production_env(**env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", env=production_env())
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_complains_when_https_is_switched_off():
    env = production_env(SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr
    assert "SESSION_COOKIE_SECURE" in result.stderr


def test_the_site_refuses_to_start_without_a_secret_key():
    result = manage("check", env=production_env(SECRET_KEY=""))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_defaults_are_the_safe_ones():
    values = production_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "DEBUG",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "DEBUG": False,
    }


def test_the_proxy_header_is_only_trusted_when_asked():
    values = production_settings("SECURE_PROXY_SSL_HEADER", BEHIND_TLS_PROXY="0")
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_static_files_are_hashed_and_compressed_in_production():
    values = production_settings("STORAGES")
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_sessions_never_live_in_process_memory():
    local = production_settings("SESSION_ENGINE", "CACHES", REDIS_URL="")
    assert local["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    shared = production_settings(
        "SESSION_ENGINE", "CACHES", REDIS_URL="redis://127.0.0.1:6379/7"
    )
    assert shared["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    backend = import_string(shared["CACHES"]["default"]["BACKEND"])
    assert issubclass(backend, RedisCache)


def test_media_go_to_a_local_folder_by_default():
    result = python(
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__name__, s.location)",
        env=production_env(MEDIA_ROOT="/srv/dijon/media"),
    )
    assert result.stdout.split() == ["FileSystemStorage", "/srv/dijon/media"]


def test_media_go_to_an_s3_bucket_when_one_is_named():
    env = production_env(
        AWS_STORAGE_BUCKET_NAME="dijon-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        AWS_S3_REGION_NAME="fr-par",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="media.international.dijon.fr",
    )
    result = python(
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "from django.conf import settings\n"
        "print(type(s).__name__, s.bucket_name, s.url('towns/a.jpg'))\n"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    storage, policy = result.stdout.splitlines()
    assert storage.split() == [
        "S3Storage",
        "dijon-media",
        "https://media.international.dijon.fr/towns/a.jpg",
    ]
    # The bucket is the only other origin images may come from.
    assert "https://media.international.dijon.fr" in policy


def settings_read_from_the_environment():
    source = (BASE_DIR / "dijon_site" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    assert {"SECRET_KEY", "DATABASE_URL", "AWS_STORAGE_BUCKET_NAME"} <= names
    return names


def test_every_environment_variable_is_in_the_readme_table():
    table = {
        row.split("`")[1]
        for row in (BASE_DIR / "README.md").read_text().splitlines()
        if row.startswith("| `")
    }
    assert settings_read_from_the_environment() <= table


def test_every_environment_variable_is_in_the_env_example():
    example = {
        line.split("=", 1)[0]
        for line in (BASE_DIR / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert settings_read_from_the_environment() <= example


def test_images_from_a_bucket_without_custom_domain_are_allowed_by_the_policy():
    env = production_env(
        AWS_STORAGE_BUCKET_NAME="dijon-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
    )
    result = python(
        "from django.conf import settings\n"
        "from django.core.files.storage import storages\n"
        "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])\n"
        "print(storages['default'].url('towns/a.jpg'))",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    sources, url = result.stdout.splitlines()
    origin = "/".join(url.split("/")[:3])
    assert origin in sources.split()


def test_check_deploy_refuses_the_console_email_backend():
    env = production_env(EMAIL_URL="consolemail://")
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "dijon_site.E001" in result.stderr


def test_console_email_passes_check_deploy_when_explicitly_allowed():
    env = production_env(EMAIL_URL="consolemail://", ALLOW_CONSOLE_EMAIL="1")
    result = manage("check", "--deploy", env=env)
    assert result.returncode == 0, result.stderr


def test_the_production_server_refuses_to_start_with_the_console_backend():
    env = production_env(EMAIL_URL="consolemail://")
    result = python("import dijon_site.wsgi", env=env)
    assert result.returncode != 0
    assert "EMAIL_URL is not set" in result.stderr


def test_the_production_server_starts_with_the_console_backend_if_allowed():
    env = production_env(EMAIL_URL="consolemail://", ALLOW_CONSOLE_EMAIL="1")
    result = python("import dijon_site.wsgi", env=env)
    assert result.returncode == 0, result.stderr


def test_a_release_and_the_worker_first_run_the_deploy_checks():
    outer_make = {"MAKEFLAGS", "MAKELEVEL"}
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "release"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in outer_make},
    )
    steps = [line for line in dry_run.stdout.splitlines() if "manage.py" in line]
    assert "check --deploy" in steps[0] and "migrate" in steps[1], steps
    readme = (BASE_DIR / "README.md").read_text()
    worker_unit = readme.split("db_worker --interval")[0].rsplit("[Unit]", 1)[1]
    assert "ExecStartPre=/srv/dijon/app/.venv/bin/python manage.py check --deploy" in (
        worker_unit
    )


def test_email_timeout_comes_from_the_environment_with_ten_seconds_by_default():
    assert production_settings("EMAIL_TIMEOUT") == {"EMAIL_TIMEOUT": 10}
    assert production_settings("EMAIL_TIMEOUT", EMAIL_TIMEOUT="3") == {
        "EMAIL_TIMEOUT": 3
    }
