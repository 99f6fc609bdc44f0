"""Real-browser tests: Playwright drives the system Chromium against pytest-django's live server."""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    missing = not Path(CHROMIUM).exists() and not shutil.which("chromium")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
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


def run_axe(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
