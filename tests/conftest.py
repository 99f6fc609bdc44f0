import pytest

from content.loader import Loader


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the toolkit's real content once; each test runs in a transaction rolled back after it.

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
