"""Real-browser tests: Playwright drives the system Chromium against pytest-django's live server."""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from tests.browser.helpers import ARTIFACTS, sign_in_page
from tests.users import make_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    missing = not Path(CHROMIUM).exists() and not shutil.which("chromium")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            if missing:
                message = (
                    f"Chromium not found at {CHROMIUM}: install it with "
                    "'apt-get install -y chromium' (make test does this when run as root)."
                )
                if os.environ.get("CI"):
                    raise pytest.UsageError(message)
                item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as a script tag, which the site's own CSP would refuse.
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}


@pytest.fixture
def site(live_server, loaded_content):
    """The live server's address, with the toolkit's content loaded."""
    return live_server.url


@pytest.fixture
def roles(site):
    """A content editor and a publisher, signed in as "content-editor" and "publisher"."""
    make_user(role="editor")
    make_user(role="publisher")
    return site


@pytest.fixture
def sign_in(browser, roles):
    """Sign in as ``username`` in a browser context of its own, closed after the test (an
    open context keeps connections to the live server open)."""
    contexts = []

    def sign_in_as(site, username):
        context = browser.new_context(bypass_csp=True, locale="en-GB")
        contexts.append(context)
        return sign_in_page(context, site, username)

    yield sign_in_as
    for context in contexts:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "page" in item.funcargs:
        ARTIFACTS.mkdir(exist_ok=True)
        # A failed screenshot must not hide the real failure.
        with contextlib.suppress(Exception):
            item.funcargs["page"].screenshot(
                path=str(ARTIFACTS / f"{item.name}.png"), full_page=True
            )


@pytest.fixture
def no_js(browser):
    """A page with JavaScript off (the CSP bypassed, downloads accepted, British English)."""
    context = browser.new_context(
        java_script_enabled=False, bypass_csp=True, locale="en-GB", accept_downloads=True
    )
    yield context.new_page()
    context.close()
