"""The migration that turns access needs into a question keeps every answer."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("students", "0004_questions")]
AFTER = [("students", "0005_access_needs_question")]


@pytest.mark.django_db(transaction=True)
def test_access_needs_become_answers_of_a_health_data_question():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    now = timezone.now()
    reception = old.get_model("students", "Reception").objects.create(
        title="Accueil",
        title_fr="Accueil",
        slug="accueil",
        academic_year="2026-2027",
        term="autumn",
        starts_at=now + timedelta(days=9),
        ends_at=now + timedelta(days=9, hours=2),
        capacity=5,
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=8),
    )
    Registration = old.get_model("students", "Registration")
    common = {
        "reception": reception,
        "first_name": "Ana",
        "last_name": "Silva",
        "nationality": "PT",
        "study_level": "master",
    }
    Registration.objects.create(
        reference="DJ-AAAAA-AAAAA", email="a@example.org", access_needs="Ramp", **common
    )
    Registration.objects.create(
        reference="DJ-BBBBB-BBBBB", email="b@example.org", **common
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    question = new.get_model("students", "Question").objects.get()
    assert question.health_data
    assert question.label_en == "Access needs"
    answers = new.get_model("students", "Answer").objects.all()
    assert [(a.registration.reference, a.value) for a in answers] == [
        ("DJ-AAAAA-AAAAA", "Ramp")
    ]
    assert answers[0].consent_at is None  # only the general consent was given
    moved = new.get_model("students", "Registration").objects.get(
        reference="DJ-AAAAA-AAAAA"
    )
    assert moved.access_needs == ""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
