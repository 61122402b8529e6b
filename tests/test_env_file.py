"""The settings come from the environment or a .env file, all documented in
.env.example."""

import re

from tests.production import BASE_DIR, production_env, python


def settings_with(tmp_path, text, setting="HTTP_CACHE_SECONDS", **environment):
    env_file = tmp_path / ".env"
    env_file.write_text(text)
    env = production_env(ENV_FILE=env_file, **environment)
    env.pop("HTTP_CACHE_SECONDS", None)
    env.update(environment)
    code = f"from django.conf import settings; print(settings.{setting})"
    result = python(code, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_the_settings_read_a_env_file(tmp_path):
    assert settings_with(tmp_path, "HTTP_CACHE_SECONDS=17\n") == "17"


def test_the_environment_wins_over_the_env_file(tmp_path):
    text = "HTTP_CACHE_SECONDS=17\n"
    assert settings_with(tmp_path, text, HTTP_CACHE_SECONDS="5") == "5"


def test_the_example_env_file_is_read_as_it_is(tmp_path):
    example = (BASE_DIR / ".env.example").read_text()
    # Not in the tests' environment (tests/production.py): from the file.
    assert settings_with(tmp_path, example, "ADMIN_URL") == "gestion/"


def test_every_variable_read_is_in_the_example_env_file():
    read = set()
    for name in ("dijon_site/settings.py", "gunicorn.conf.py"):
        source = (BASE_DIR / name).read_text()
        read |= set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', source))
        read |= set(re.findall(r'environ\.get\(\s*"([A-Z][A-Z0-9_]+)"', source))
        read |= set(re.findall(r"environ\.get\('([A-Z][A-Z0-9_]+)'", source))
    documented = set(
        re.findall(
            r"^(?:# )?([A-Z][A-Z0-9_]+)=",
            (BASE_DIR / ".env.example").read_text(),
            re.MULTILINE,
        )
    )
    assert {"SECRET_KEY", "HTTP_CACHE_SECONDS", "GUNICORN_BIND", "PORT"} <= read
    assert read - documented == set()
