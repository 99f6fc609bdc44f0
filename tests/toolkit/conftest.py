import pytest
from django.test import Client

from tests.users import make_user


@pytest.fixture
def editor(db):
    client = Client()
    client.force_login(make_user(role="editor"))
    return client


@pytest.fixture
def publisher(db):
    client = Client()
    client.force_login(make_user(role="publisher"))
    return client
