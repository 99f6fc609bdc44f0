import pytest
from django.core.cache import cache

from checklist.models import ProgressRecord
from tests.forms import form_data


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record(db):
    return ProgressRecord.objects.create(organisation="Northshire Partnership Trust")


@pytest.fixture
def open_form(client):
    """Open the edit page as a person would and return what its form would submit."""

    def open_(record):
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        return form_data(response.content.decode())

    return open_
