"""Every URL pattern the project has, against bad input: no 5xx, on SQLite and PostgreSQL.

The patterns come from the URL resolver, so a new route is covered without being listed here.
Each pattern is asked for with plausible values (a real record's token, a real slug, a
number), then each path parameter in turn gets each bad value, the others a plausible one;
every page is asked for with GET and POST, and the fields of its forms are sent back holding
the bad values.
"""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from casestudies.models import CaseStudy
from checklist import services as checklist_services
from checklist import systems as checklist_systems
from tests.users import make_user

# As they appear in a path: percent-encoded where they must be.
BAD_PATH_VALUES = [
    "%00",
    "abc%00def",
    "x" * 5000,
    "%FF",
    "..",
    "%D9%A3",  # ARABIC-INDIC DIGIT THREE: str.isdigit() and int() accept it
    "%EF%BC%91",  # FULLWIDTH DIGIT ONE
    "-1",
    "9" * 30,
]
# As form and query values.
BAD_FIELD_VALUES = ["\x00", "a\x00b", "x" * 5000, "\ufffd", "..", "\u0663", "-1", "9" * 30]

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\((?:\?P<(\w+)>)?[^()]*\)")
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')


def url_templates():
    """(template, parameter names) for every pattern: "checklist/progress/{0}/actions/{1}/"."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            else:
                yield route

    for route in walk(get_resolver().url_patterns, ""):
        bare = route.replace("^", "").replace("$", "")
        names = [a or b or "" for a, b in PARAMETER.findall(bare)]
        parts = PARAMETER.split(bare)[::3]  # findall's two groups come between the parts
        template = "".join(
            part + (f"{{{i}}}" if i < len(names) else "") for i, part in enumerate(parts)
        )
        yield "/" + template.replace("\\", ""), names


def delete_last(item):
    return "delete" in item[0]


@pytest.fixture
def plausible(db):
    """Values a parameter could really hold, by its name."""
    record = checklist_services.progress_record_create(client="192.0.2.1")
    system = checklist_systems.system_view_create(
        client="192.0.2.1", name="Walker ICS", tokens=[record.read_token]
    )
    return {
        "token": [record.edit_token, record.read_token, system.edit_token, system.read_token],
        "slug": [CaseStudy.objects.published().first().slug, "introduction"],
        "number": ["1"],
    }


def concrete_urls(plausible):
    return list(dict.fromkeys(generate_urls(plausible)))


def generate_urls(plausible):
    for template, names in sorted(url_templates(), key=delete_last):
        if not names:
            yield template
            continue
        others = [plausible.get(name, ["1"]) for name in names]
        for choice in range(max(len(values) for values in others)):
            yield template.format(*[values[min(choice, len(values) - 1)] for values in others])
        for position in range(len(names)):
            for value in BAD_PATH_VALUES:
                for choice in range(max(len(values) for values in others)):
                    args = [values[min(choice, len(values) - 1)] for values in others]
                    args[position] = value
                    yield template.format(*args)


def ask(client, method, url, data=None):
    try:
        response = getattr(client, method)(url, data, HTTP_HOST="127.0.0.1")
    except Exception as exc:  # noqa: BLE001 - the failure itself is what is reported
        return f"{method.upper()} {url[:200]}: {exc!r}"[:400], None
    if response.status_code >= 500:
        return f"{method.upper()} {url[:200]}: {response.status_code}", None
    return None, response


def walk(client, plausible):
    failures = []
    for url in concrete_urls(plausible):
        for method in ["get", "post"]:
            failure, response = ask(client, method, url)
            if failure:
                failures.append(failure)
                continue
            if (
                method == "get"
                and response.status_code == 200
                and "html" in response.get("Content-Type", "")
            ):
                names = set(FIELD_NAME.findall(response.content.decode(errors="replace")))
                names.discard("csrfmiddlewaretoken")
                for value in BAD_FIELD_VALUES:
                    data = dict.fromkeys(names, value)
                    for form_method in ["get", "post"]:
                        failure, _ = ask(client, form_method, url, data)
                        if failure:
                            failures.append(failure)
    return failures


@pytest.mark.slow
def test_no_url_answers_5xx_to_bad_input_from_the_public(plausible):
    failures = walk(Client(), plausible)
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_no_url_answers_5xx_to_bad_input_from_a_superuser(plausible):
    client = Client()
    client.force_login(make_user(username="walker", superuser=True))
    failures = walk(client, plausible)
    assert not failures, "\n".join(failures)


def test_the_walk_covers_every_checklist_capability_url(plausible):
    urls = set(concrete_urls(plausible))
    for path in [
        "/checklist/progress/%00/progress.pdf",
        "/checklist/shared/%00/print/",
        "/checklist/shared/%00/progress.csv",
        "/checklist/progress/%00/progress.json",
        "/checklist/systems/%00/",
        "/checklist/systems/shared/%00/system.csv",
    ]:
        assert path in urls


@pytest.mark.parametrize(
    "suffix", ["", "print/", "progress.pdf", "progress.csv", "progress.json", "actions/1/"]
)
@pytest.mark.parametrize("prefix", ["progress", "shared"])
def test_a_capability_link_with_a_nul_byte_is_not_found(client, db, prefix, suffix):
    response = client.get(f"/checklist/{prefix}/%00/{suffix}", HTTP_HOST="127.0.0.1")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("suffix", ["", "print/", "system.pdf", "system.csv", "change/"])
@pytest.mark.parametrize("prefix", ["systems", "systems/shared"])
def test_a_system_view_link_with_a_nul_byte_is_not_found(client, db, prefix, suffix):
    response = client.get(f"/checklist/{prefix}/ab%00cd/{suffix}", HTTP_HOST="127.0.0.1")
    assert response.status_code == 404


def test_search_for_a_nul_byte_answers_the_search_page(client, db):
    response = client.get("/search/", {"q": "therapy\x00"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert "Search" in response.content.decode()


@pytest.mark.parametrize("username", ["a" * 300, "admin\x00", "\x00" * 300])
def test_an_admin_sign_in_with_a_bad_username_is_refused_as_a_form_error(client, db, username):
    response = client.post(
        "/admin/login/", {"username": username, "password": "wrong"}, HTTP_HOST="127.0.0.1"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "errornote" in page or "errorlist" in page


def test_a_host_that_is_not_allowed_gets_the_400_page_without_that_host(client, db):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Sorry, there is a problem with the request" in page
    assert "attacker.example" not in page


@pytest.mark.parametrize("path", ["/checklist/", "/case-studies/", "/no-such-page/", "/admin/"])
def test_a_host_that_is_not_allowed_is_a_400_on_any_page(client, db, path):
    assert client.get(path, HTTP_HOST="attacker.example:8000").status_code == 400
