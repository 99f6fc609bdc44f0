"""HTTP caching in a real browser, with the site's CSP enforced: Chromium revalidates a
public page, gets a 304, and the stored page's nonce'd script still runs (a 304 carrying a
fresh policy would have been copied onto the stored page and blocked it)."""

import json

from django.core.cache import cache

from tests.toolkit.test_request_log import logs  # noqa: F401 (a fixture)


def test_a_revalidated_page_keeps_its_script_under_the_csp(browser, site, logs):  # noqa: F811
    cache.clear()
    context = browser.new_context(locale="en-GB")  # bypass_csp off: the policy applies
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    try:
        for _ in range(3):
            if page.url.endswith("/professions/"):
                page.reload()
            else:
                page.goto(f"{site}/professions/")
            assert "js-enabled" in page.evaluate("document.body.className")
            assert page.get_by_role("heading", level=1).inner_text().strip()
    finally:
        context.close()
    lines = [json.loads(line) for line in logs["requests"].getvalue().splitlines()]
    statuses = [line["status"] for line in lines if line["path"] == "/professions/"]
    assert statuses == [200, 304, 304]
    assert refused == []
