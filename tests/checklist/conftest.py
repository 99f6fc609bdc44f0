import pytest

from checklist.models import ProgressRecord
from tests.checklist.systems_data import three_records
from tests.forms import form_data


@pytest.fixture
def three(db):
    return three_records()


@pytest.fixture
def record(db):
    return ProgressRecord.objects.create(organisation="Northshire Partnership Trust")


def action_url(record, number) -> str:
    return f"{record.get_absolute_url()}actions/{number}/"


@pytest.fixture
def open_form(client):
    """Open the edit page (the overview, with the record's details) or one action's page, as a
    person would, and return what its form would submit."""

    def open_(record, number=None):
        response = client.get(action_url(record, number) if number else record.get_absolute_url())
        assert response.status_code == 200
        return form_data(response.content.decode())

    return open_


@pytest.fixture
def save_action(client, open_form):
    """Open action ``number``'s page, change its fields (``status``, ``owner``, ``notes``…) and
    press a button ("continue" or "list"): the response."""

    def save(record, number, changes=None, *, button="continue", **post):
        data = open_form(record, number)
        data.update({f"action-{number}-{name}": value for name, value in (changes or {}).items()})
        data["next"] = button
        return client.post(action_url(record, number), data, **post)

    return save
