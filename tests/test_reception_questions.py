"""Questions staff add to a reception: asked on the form in the student's
language, validated like the built-in fields, shown to staff in the admin, the
CSV, the check-in card and the dashboard; free text erased with the rest."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from students import services
from students.models import Answer, Question

pytestmark = pytest.mark.django_db

URL = "/en/student-receptions/{slug}/"


def ask(reception, kind, label, position=0, **values):
    return Question.objects.create(
        reception=reception,
        kind=kind,
        label_fr=f"{label} (fr)",
        label_en=label,
        position=position,
        **values,
    )


@pytest.fixture
def questions(reception):
    return {
        "diet": ask(
            reception,
            Question.Kind.ONE_CHOICE,
            "Diet",
            position=1,
            choices_fr="Tout\nVégétarien\nVégan",
            choices_en="Anything\nVegetarian\nVegan",
            required=True,
        ),
        "photos": ask(reception, Question.Kind.YES_NO, "Photos?", position=2),
        "arrival": ask(reception, Question.Kind.DATE, "Arrival in Dijon", position=3),
        "home": ask(reception, Question.Kind.COUNTRY, "Home country", position=4),
        "topics": ask(
            reception,
            Question.Kind.SEVERAL_CHOICES,
            "Topics",
            position=5,
            choices_fr="Sport\nMusique\nCuisine",
            choices_en="Sport\nMusic\nFood",
        ),
        "programme": ask(reception, Question.Kind.SHORT_TEXT, "Programme", position=6),
    }


def form_data(institution, **answers):
    data = {
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana@example.org",
        "nationality": "PT",
        "institution": str(institution.pk),
        "study_level": "master",
        "language": "en",
        "consent": "on",
        "submission": "x" * 32,
    }
    data.update(answers)
    return data


def post(client, committed, reception, data):
    with committed():
        return client.post(URL.format(slug=reception.slug), data)


def test_the_form_asks_the_questions_in_order_in_english(client, reception, questions):
    body = client.get(URL.format(slug=reception.slug)).content.decode()
    labels = ["Diet", "Photos?", "Arrival in Dijon", "Home country", "Topics"]
    positions = [body.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "Vegetarian" in body
    assert "Végétarien" not in body


def test_answers_are_stored_from_the_english_form(
    client, committed, reception, institution, questions
):
    q = questions
    response = post(
        client,
        committed,
        reception,
        form_data(
            institution,
            **{
                q["diet"].field_name: "1",
                q["photos"].field_name: "yes",
                q["arrival"].field_name: "2026-09-01",
                q["home"].field_name: "JP",
                q["topics"].field_name: ["0", "2"],
                q["programme"].field_name: "Erasmus",
            },
        ),
    )
    assert response.status_code == 302
    stored = {a.question_id: a.value for a in Answer.objects.all()}
    assert stored == {
        q["diet"].pk: 1,
        q["photos"].pk: True,
        q["arrival"].pk: "2026-09-01",
        q["home"].pk: "JP",
        q["topics"].pk: [0, 2],
        q["programme"].pk: "Erasmus",
    }


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("diet", None, "This field is required."),
        ("diet", "7", "Select a valid choice."),
        ("arrival", "31/02/2026", "Enter a valid date."),
        ("home", "XX", "Select a valid choice."),
        ("topics", ["0", "9"], "Select a valid choice."),
    ],
)
def test_answers_are_validated_like_built_in_fields(
    client, committed, reception, institution, questions, question, value, message
):
    data = form_data(institution, **{questions["diet"].field_name: "0"})
    data.pop(questions["diet"].field_name) if value is None else None
    if value is not None:
        data[questions[question].field_name] = value
    response = post(client, committed, reception, data)
    assert response.status_code == 422
    errors = response.context["form"].errors[questions[question].field_name]
    assert message in errors[0]
    assert Answer.objects.count() == 0


def test_health_question_needs_its_own_consent(
    client, committed, reception, institution
):
    needs = ask(reception, Question.Kind.LONG_TEXT, "Access needs", health_data=True)
    data = form_data(institution, **{needs.field_name: "Wheelchair"})
    refused = post(client, committed, reception, data)
    assert refused.status_code == 422
    assert needs.consent_field_name in refused.context["form"].errors
    data[needs.consent_field_name] = "on"
    assert post(client, committed, reception, data).status_code == 302
    answer = Answer.objects.get()
    assert answer.value == "Wheelchair"
    assert answer.consent_at is not None


def test_health_question_left_empty_needs_no_consent(
    client, committed, reception, institution
):
    ask(reception, Question.Kind.LONG_TEXT, "Access needs", health_data=True)
    assert post(client, committed, reception, form_data(institution)).status_code == 302


def answered(register, reception, questions, **overrides):
    q = questions
    values = {"diet": 2, "photos": False, "programme": "Erasmus+"}
    values.update(overrides)
    return register(
        reception,
        confirm=True,
        answers=tuple((q[key], value) for key, value in values.items()),
    )


def test_answers_show_in_the_admin(admin_client, reception, register, questions):
    registration = answered(register, reception, questions)
    body = admin_client.get(
        f"/en/admin/students/registration/{registration.pk}/change/"
    ).content.decode()
    assert "<dt>Diet</dt><dd>Vegan</dd>" in body
    assert "<dt>Photos?</dt><dd>No</dd>" in body


def test_answers_are_columns_of_the_csv(admin_client, reception, register, questions):
    answered(register, reception, questions)
    url = f"/en/student-receptions/{reception.slug}/registrations.csv"
    text = admin_client.get(url).content.decode().lstrip("\ufeff")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["Diet"] == "Vegan"
    assert row["Photos?"] == "No"
    assert row["Programme"] == "Erasmus+"
    assert row["Arrival in Dijon"] == ""


def test_answers_are_on_the_check_in_card(client, reception, register, questions):
    registration = answered(register, reception, questions)
    user = get_user_model().objects.create_user("door", password="a-long-password")
    user.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(user)
    body = client.get(
        f"/en/student-receptions/{reception.slug}/check-in/",
        {"q": registration.reference},
    ).content.decode()
    assert "<dt>Diet</dt><dd>Vegan</dd>" in body


def test_dashboard_charts_choice_questions(
    admin_client, reception, register, questions
):
    answered(register, reception, questions)
    answered(register, reception, questions, diet=1, photos=True)
    body = admin_client.get(
        f"/en/student-receptions/{reception.slug}/dashboard/"
    ).content.decode()
    chart = body[body.index(f'id="chart-question-{questions["diet"].pk}"') :]
    chart = chart[: chart.index("</section>")]
    assert "Vegan" in chart
    assert "Vegetarian" in chart
    assert f'id="chart-question-{questions["photos"].pk}"' in body
    assert f'id="chart-question-{questions["programme"].pk}"' not in body


def test_purge_erases_free_text_and_keeps_choices(reception, register, questions):
    registration = answered(register, reception, questions)
    reception.starts_at = timezone.now() - timedelta(days=400)
    reception.ends_at = reception.starts_at + timedelta(hours=2)
    reception.registration_opens_at = reception.starts_at - timedelta(days=30)
    reception.registration_closes_at = reception.starts_at - timedelta(days=1)
    reception.save()
    assert services.registrations_purge() == 1
    values = {a.question_id: a.value for a in registration.answers.all()}
    assert values[questions["programme"].pk] is None
    assert values[questions["diet"].pk] == 2


def test_choices_must_line_up_in_both_languages(reception):
    question = Question(
        reception=reception,
        kind=Question.Kind.ONE_CHOICE,
        label_fr="Régime",
        choices_fr="Tout\nVégétarien",
        choices_en="Anything",
    )
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "choices_en" in error.value.message_dict


def test_content_editors_set_questions_and_reception_staff_read_them():
    editors = Group.objects.get(name="Content editors").permissions
    assert {"add_question", "change_question", "delete_question"} <= set(
        editors.values_list("codename", flat=True)
    )
    staff = Group.objects.get(name="Reception staff").permissions
    assert "view_question" in set(staff.values_list("codename", flat=True))


def test_a_reception_added_in_the_admin_asks_about_access_needs(reception):
    question = services.reception_add_standard_questions(reception=reception)
    assert question.health_data
    assert question.kind == Question.Kind.LONG_TEXT
    assert question.label_en == "Access needs"
    # Twice is once.
    assert services.reception_add_standard_questions(reception=reception) == question
