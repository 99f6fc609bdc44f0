import shutil

import pytest
from django.test import Client

from content.loader import Loader
from tests.users import make_user


def pytest_sessionstart(session):
    """Empty the artifacts folder (test-results/) once a run, in the process that starts it:
    under pytest-xdist a worker clearing it could delete another worker's failure screenshot."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(session.config.getoption("--output", "test-results"), ignore_errors=True)


@pytest.fixture(scope="session")
def delete_output_dir():
    """pytest-playwright's own clearing of test-results/ runs in every worker: done above."""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the toolkit's real content once; each test runs in a transaction rolled back after it.

    Under pytest-xdist each worker has a test database of its own (``test_<name>_gw0``, ...,
    made by pytest-django) and loads the content into it.

    Tests that use ``transactional_db`` (the browser tests) empty the tables when they end, so
    they load the content again with the ``loaded_content`` fixture.
    """
    with django_db_blocker.unblock():
        Loader().load()


@pytest.fixture
def loaded_content(transactional_db):
    Loader().load()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files and renditions go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    """A test client signed in as a content editor."""
    client = Client()
    client.force_login(make_user(role="editor"))
    return client


@pytest.fixture
def publisher(db):
    """A test client signed in as a publisher."""
    client = Client()
    client.force_login(make_user(role="publisher"))
    return client
