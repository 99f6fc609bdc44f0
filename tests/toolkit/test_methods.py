"""Methods a page does not take answer 405 with an Allow header, on every URL pattern."""

import pytest
from django.test import Client

from tests.toolkit.test_every_url import url_templates
from tests.users import make_user

# Views that really take one of these methods: none, today.
ACCEPTS = {}
METHODS = ["PUT", "PATCH", "DELETE", "TRACE"]


@pytest.fixture
def real_urls(db):
    """Every pattern with real values in its parameters: a record's and a system view's
    links, a published slug, a number, an object's id."""
    from casestudies.models import CaseStudy
    from checklist import services as checklist_services
    from checklist import systems as checklist_systems

    record = checklist_services.progress_record_create(client="192.0.2.2")
    system = checklist_systems.system_view_create(
        client="192.0.2.2", name="Methods ICS", tokens=[record.read_token]
    )
    values = {
        "token": {
            "progress": record.edit_token,
            "shared": record.read_token,
            "systems/shared": system.read_token,
            "systems": system.edit_token,
        },
        "slug": CaseStudy.objects.published().first().slug,
    }
    urls = []
    for template, names in url_templates():
        args = []
        for name in names:
            if name == "token":
                prefix = next((p for p in values["token"] if f"/checklist/{p}/" in template), None)
                # Another app's token (alerts, submissions): a made-up one, a 404 or a page.
                args.append(values["token"][prefix] if prefix else "made-up-token")
            elif name == "slug":
                args.append("introduction" if template == "/{0}/" else values["slug"])
            else:
                args.append("1")
        urls.append(template.format(*args))
    return urls


def answers(client, urls):
    found = []
    for url in urls:
        for method in METHODS:
            response = client.generic(method, url, HTTP_HOST="127.0.0.1")
            if 200 <= response.status_code < 300 and method not in ACCEPTS.get(url, ()):
                found.append(f"{method} {url}: {response.status_code}")
            if response.status_code == 405:
                assert method not in response["Allow"], url
                assert "GET" in response["Allow"] or "POST" in response["Allow"], url
    return found


def test_no_page_answers_a_method_it_does_not_take_with_success(real_urls):
    found = answers(Client(), real_urls)
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "url",
    ["/", "/professions/", "/case-studies/", "/careers/", "/checklist/", "/search/", "/privacy/"],
)
@pytest.mark.parametrize("method", METHODS)
def test_a_public_page_answers_405_with_the_methods_it_takes(client, db, url, method):
    response = client.generic(method, url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD", "POST", "OPTIONS"}
    assert "GET" in response["Allow"]


@pytest.mark.slow
def test_no_admin_page_answers_a_method_it_does_not_take_with_success(real_urls):
    client = Client()
    client.force_login(make_user(username="methods", superuser=True))
    found = answers(client, [url for url in real_urls if url.startswith("/admin/")])
    assert not found, "\n".join(found)
