from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_migrations_describe_the_models():
    """A model change without its migration (a constraint built from a
    constant such as students' ACTIVE_STATUSES, say) fails here, not in
    production."""
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
