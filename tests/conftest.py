import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (shared Redis in CI)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploaded files go to a temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def initial_data(db):
    """The brochure's content, as `make run` loads it."""
    call_command("load_initial_data", stdout=open("/dev/null", "w"))


# --- Programmes and events --------------------------------------------------
@pytest.fixture
def make_event(db):
    """Create a published event in Paris time: make_event("slug", start, end)."""
    from programmes.models import Event

    def make(slug, start, end, **values):
        values.setdefault("title_fr", f"Événement {slug}")
        values.setdefault("title_en", f"Event {slug}")
        return Event.objects.create(slug=slug, start=start, end=end, **values)

    return make
