"""The privacy notice and the cookies page: reachable from every page, and true to the code."""

import logging
import re
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.test import Client

from checklist.models import ProgressRecord
from tests.forms import form_data
from tests.page_types import PAGE_TYPES
from tests.users import make_user

pytestmark = pytest.mark.django_db


def visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def footer(html):
    return html[html.index("<footer") :]


@pytest.mark.parametrize("path", ["/privacy/", "/cookies/"])
def test_the_pages_are_public_and_in_the_sitemap(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "– AHP toolkit</title>" in response.content.decode()
    sitemap = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [
        loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert f"http://testserver{path}" in locations


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_type_links_to_both_from_its_footer(client, name):
    html = footer(client.get(PAGE_TYPES[name]()).content.decode())
    assert re.search(r'<a [^>]*href="/privacy/"\s*>\s*Privacy notice\s*</a>', html)
    assert re.search(r'<a [^>]*href="/cookies/"\s*>\s*Cookies\s*</a>', html)


def test_the_checklist_links_to_the_privacy_notice_before_a_record_is_started(client):
    html = client.get("/checklist/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert main.index('href="/privacy/"') < main.index("Start tracking your progress")


def test_the_retention_period_comes_from_the_setting(client, settings):
    text = visible_text(client.get("/privacy/").content.decode())
    assert "once it has not been changed for 30 days" in text
    settings.CHECKLIST_EMPTY_RECORD_DAYS = 45
    text = visible_text(client.get("/privacy/").content.decode())
    assert "once it has not been changed for 45 days" in text
    assert "30 days" not in text


def test_the_rate_limit_described_comes_from_the_setting(client, settings):
    settings.CHECKLIST_RECORDS_PER_CLIENT = (3, 2 * 60 * 60)
    text = visible_text(client.get("/privacy/").content.decode())
    assert "up to 3 of each in 2 hours" in text


def documented_cookies(client):
    html = client.get("/cookies/").content.decode()
    listed = html[html.index('<div id="cookie-list">') : html.index("</main>")]
    return set(re.findall(r"<h2[^>]*><code>([^<]+)</code></h2>", listed))


def cookies_set_in_journeys():
    """The names of every cookie set while visiting each public page type, using the
    checklist without JavaScript (start, save, replace a link, delete) and signing in to the
    admin and saving there, as browsers do (the CSRF check on)."""
    cache.clear()  # the checklist's rate limit
    names = set()
    visitor = Client(enforce_csrf_checks=True)

    def seen(response):
        names.update(response.cookies.keys())
        return response

    for path in PAGE_TYPES.values():
        seen(visitor.get(path()))
    seen(visitor.get("/checklist/"))
    token = visitor.cookies["csrftoken"].value
    record_url = seen(visitor.post("/checklist/start/", {"csrfmiddlewaretoken": token}))["Location"]
    data = form_data(seen(visitor.get(record_url)).content.decode())
    data.update({"details-organisation": "Westmere Trust", "action-1-owner": "A. Person"})
    assert seen(visitor.post(record_url, data)).status_code == 302
    seen(visitor.get(record_url))
    replaced = seen(
        visitor.post(record_url + "replace-link/", {"link": "read", "csrfmiddlewaretoken": token})
    )
    assert replaced.status_code == 302
    seen(visitor.get(record_url))
    deleted = seen(visitor.post(record_url + "delete/", {"csrfmiddlewaretoken": token}))
    assert deleted.status_code == 302
    seen(visitor.get("/checklist/"))
    assert not ProgressRecord.objects.filter(organisation="Westmere Trust").exists()

    make_user(superuser=True, username="editor", password="x" * 16)
    editor = Client(enforce_csrf_checks=True)
    seen(editor.get("/admin/login/"))
    login = seen(
        editor.post(
            "/admin/login/",
            {
                "username": "editor",
                "password": "x" * 16,
                "next": "/admin/",
                "csrfmiddlewaretoken": editor.cookies["csrftoken"].value,
            },
        )
    )
    assert login.status_code == 302, "the sign-in failed"
    seen(editor.get("/admin/"))
    seen(editor.get("/admin/pages/page/"))
    seen(editor.post("/admin/logout/", {"csrfmiddlewaretoken": editor.cookies["csrftoken"].value}))
    return names


def test_the_cookies_page_lists_exactly_the_cookies_the_site_sets(client):
    documented = documented_cookies(client)
    assert documented  # the table was found and read
    assert cookies_set_in_journeys() == documented


def test_the_cookies_page_says_none_is_for_analytics(client):
    text = visible_text(client.get("/cookies/").content.decode())
    assert "no cookies for analytics" in text
    assert "30 minutes after the last page an editor opens" in text  # SESSION_COOKIE_AGE
    assert "52 weeks" in text  # CSRF_COOKIE_AGE


def test_editors_and_publishers_cannot_see_records_as_the_notice_says(client, editor, publisher):
    text = visible_text(client.get("/privacy/").content.decode())
    assert "Content editors and publishers cannot see records." in text
    for role in (editor, publisher):
        assert role.get("/admin/checklist/progressrecord/").status_code == 403


def test_the_notice_says_what_a_system_view_keeps(client):
    text = visible_text(client.get("/privacy/").content.decode())
    assert "What a system view stores" in text
    assert "the name you give it and the read-only links you paste into it" in text


def test_the_notice_describes_the_lockout_and_the_backups_as_they_are(client, settings):
    settings.AXES_FAILURE_LIMIT = 7
    text = visible_text(client.get("/privacy/").content.decode())
    assert "after 7 failed attempts in an hour on one username, from any address" in text
    assert "after 7 failed attempts from one internet address, on any usernames" in text
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert "Backups" in text and "backups are kept for about a month" in text


def test_the_request_log_keeps_no_internet_address_as_the_notice_says(client):
    text = visible_text(client.get("/privacy/").content.decode())
    assert "It does not log your internet address" in text
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("toolkit.requests")
    logger.addHandler(handler)
    try:
        client.get("/case-studies/?q=x", REMOTE_ADDR="203.0.113.9")
    finally:
        logger.removeHandler(handler)
    [record] = records
    assert "/case-studies/" in record.getMessage()
    assert "203.0.113.9" not in record.getMessage() and "q=x" not in record.getMessage()
