"""Access needs become a question of each reception, marked as health data.

Existing answers move from the registration's old column to the question's
answers, without a consent date: the students gave only the general consent
(their answers are erased with the rest of their data, as before).
"""

from django.db import migrations

QUESTION = {
    "position": 100,
    "kind": "long_text",
    "health_data": True,
    "required": False,
    "label": "Besoins d'accessibilité",
    "label_fr": "Besoins d'accessibilité",
    "label_en": "Access needs",
    "help_text": "Par exemple un accès en fauteuil roulant ou une boucle magnétique.",
    "help_text_fr": "Par exemple un accès en fauteuil roulant ou une boucle "
    "magnétique.",
    "help_text_en": "For example wheelchair access or a hearing loop.",
}


def forwards(apps, schema_editor):
    Reception = apps.get_model("students", "Reception")
    Registration = apps.get_model("students", "Registration")
    Question = apps.get_model("students", "Question")
    Answer = apps.get_model("students", "Answer")
    for reception in Reception.objects.all():
        question = Question.objects.create(reception=reception, **QUESTION)
        answered = Registration.objects.filter(reception=reception).exclude(
            access_needs=""
        )
        Answer.objects.bulk_create(
            Answer(
                registration=registration,
                question=question,
                value=registration.access_needs,
                created_at=registration.created_at,
            )
            for registration in answered
        )
        answered.update(access_needs="")


def backwards(apps, schema_editor):
    Registration = apps.get_model("students", "Registration")
    Answer = apps.get_model("students", "Answer")
    for answer in Answer.objects.filter(
        question__health_data=True, question__kind="long_text"
    ).filter(value__isnull=False):
        Registration.objects.filter(pk=answer.registration_id).update(
            access_needs=str(answer.value)
        )


class Migration(migrations.Migration):
    dependencies = [("students", "0004_questions")]

    operations = [migrations.RunPython(forwards, backwards)]
