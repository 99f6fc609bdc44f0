import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client

from casestudies.finder import snapshot
from casestudies.finder.filters import CaseStudyFilter
from content.loader import Loader
from tests.smtp import smtp_server  # noqa: F401 (a fixture for every test)
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

    Tests that use ``transactional_db`` (the browser tests) empty the tables when they end;
    through ``loaded_content`` they start from the database as it was right after this load,
    kept as Django's serialized copy (``serialized_rollback``): restoring it takes a fraction
    of the time loading the content again does.
    """
    with django_db_blocker.unblock():
        Loader().load()
        connection = connections[DEFAULT_DB_ALIAS]
        # On this connection (whose copy, made before the load, it replaces) and on its class:
        # Playwright's sync API runs a test in a greenlet, where Django's context-local
        # ``connections`` hands out another connection object.
        contents = connection.creation.serialize_db_to_string()
        connection._test_serialized_contents = contents
        type(connection)._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as its database starts as loaded: the rate
    limits count from nothing, and a test's rolled-back writes send no signal, so what was
    cached or kept from them (the content version, the finder's index and form) would
    otherwise outlive them into the next test."""
    cache.clear()
    snapshot._kept.clear()
    CaseStudyFilter._form_class = None


@pytest.fixture
def warm_layout(client):
    """Serve a page, so that the layout's reads made once per content version (the version
    itself, the navigation) are done, as they are for every request but the first after a
    content change: query counts measure the rest. Call it just before measuring."""
    return lambda: client.get("/")


@pytest.fixture
def loaded_content(django_db_serialized_rollback, transactional_db):
    """A database a live server can see (committed), holding the toolkit's content.

    Restored the way ``loaddata`` restores: raw saves, in an order where a case study can come
    before its tags, so its tag summaries are rebuilt after, as after loading any fixture."""
    call_command("rebuild_tag_summaries", verbosity=0)


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
