"""PostgreSQL's full-text search configurations for the site search
(core/search.py): each language's stemming after `unaccent`, so that
"guimaraes" finds "Guimarães". Nothing to do on other databases."""

from django.db import migrations

CONFIGURATIONS = {
    "french_unaccent": ("french", "french_stem"),
    "english_unaccent": ("english", "english_stem"),
    "simple_unaccent": ("simple", "simple"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (parent, dictionary) in CONFIGURATIONS.items():
        schema_editor.execute(
            f"DO $$ BEGIN CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent}); "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {dictionary}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_cache_generations")]

    operations = [migrations.RunPython(create, drop)]
