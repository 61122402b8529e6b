"""What the people running the site rely on: the health check, request ids
and structured logs without personal data."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone

from dijon_site import views
from students import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """The JSON lines the site writes to stdout during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "stdout")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    handler.setStream(previous)


class BrokenConnection:
    def cursor(self):
        raise OperationalError("could not connect to server: secret-db-host:5432")


def test_health_check_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_health_check_answers_503_without_details_when_the_database_is_down(
    client, monkeypatch
):
    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok"},
    }


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_TASKS)
def test_health_check_is_ok_while_the_next_periodic_run_is_queued(client):
    tasks.schedule_periodic_work()
    response = client.get("/healthz")
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["periodic_work"] == "ok"


@override_settings(TASKS=DATABASE_TASKS)
def test_health_check_is_degraded_when_the_periodic_chain_broke(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["periodic_work"] == "late"


@override_settings(TASKS=DATABASE_TASKS, MAINTENANCE_INTERVAL_SECONDS=60)
def test_health_check_is_degraded_when_no_worker_runs_the_periodic_work(client):
    from django_tasks_db.models import DBTaskResult

    tasks.schedule_periodic_work()
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(minutes=6))
    assert client.get("/healthz").json()["checks"]["periodic_work"] == "late"


def test_health_check_is_never_cached(client):
    response = client.get("/healthz")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/fr/").status_code == 301


def test_health_check_lives_outside_the_language_prefix(client):
    assert client.get("/fr/healthz").status_code == 404


def test_every_response_carries_a_request_id(client):
    first = client.get("/fr/")["X-Request-ID"]
    second = client.get("/fr/")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_request_id_from_the_proxy_is_kept(client):
    response = client.get("/fr/", headers={"X-Request-ID": "0af7651916cd43dd8448eb2"})
    assert response["X-Request-ID"] == "0af7651916cd43dd8448eb2"


@pytest.mark.parametrize("forged", ["x", "a b c d e f g h", "id\nINFO fake line"])
def test_an_insane_request_id_is_replaced(client, forged):
    response = client.get("/fr/", headers={"X-Request-ID": forged})
    assert response["X-Request-ID"] != forged
    assert len(response["X-Request-ID"]) == 32


def test_each_request_is_logged_as_json_with_its_id(client, log_lines):
    response = client.get("/fr/")
    (line,) = [entry for entry in log_lines() if entry["message"] == "request"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")


def test_the_request_log_has_no_query_string_nor_path_values(
    client, initial_data, log_lines
):
    client.get("/en/twin-towns/mainz/?email=jane.doe@example.org&name=Jane+Doe")
    text = json.dumps(log_lines())
    assert "jane" not in text.lower()
    assert "mainz" not in text
    assert "twin-towns/<slug:slug>/" in text


def test_a_server_error_is_logged_with_the_request_id(log_lines, monkeypatch):
    def broken():
        raise RuntimeError("the home page broke")

    monkeypatch.setattr(views.HomeCity, "load", broken)
    response = Client(raise_request_exception=False).get("/fr/?email=a@example.org")
    assert response.status_code == 500
    (error,) = [entry for entry in log_lines() if entry["level"] == "ERROR"]
    assert error["request_id"] == response["X-Request-ID"]
    assert error["message"] == "Internal Server Error: /fr/"
    assert "RuntimeError: the home page broke" in error["exc_info"]
    assert "a@example.org" not in json.dumps(error)


def test_a_failing_health_check_is_logged_with_the_request_id(
    client, log_lines, monkeypatch
):
    monkeypatch.setattr(views, "connection", BrokenConnection())
    response = client.get("/healthz")
    (error,) = [entry for entry in log_lines() if entry["name"] == "core.health"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "secret-db-host" in error["exc_info"]
    assert b"secret-db-host" not in response.content


def test_django_error_lines_name_the_url_pattern_not_the_path(
    client, initial_data, log_lines
):
    client.get("/en/twin-towns/jane-doe-personal-token/")
    (warning,) = [entry for entry in log_lines() if entry["level"] == "WARNING"]
    assert warning["message"] == "Not Found: /en/twin-towns/<slug:slug>/"
