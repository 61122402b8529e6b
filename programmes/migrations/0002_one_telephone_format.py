"""The programmes' contact wrote the department's number “+33 (0)380 747 148”;
the site writes it one way everywhere: “+33 (0)3 80 74 71 48”."""

from django.db import migrations

OLD = "+33 (0)380 747 148"
NEW = "+33 (0)3 80 74 71 48"


def one_format(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    fields = ("contact", "contact_fr", "contact_en")
    for programme in Programme.objects.all():
        if any(OLD in (getattr(programme, field) or "") for field in fields):
            for field in fields:
                value = getattr(programme, field)
                if value:
                    setattr(programme, field, value.replace(OLD, NEW))
            programme.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(one_format, migrations.RunPython.noop)]
