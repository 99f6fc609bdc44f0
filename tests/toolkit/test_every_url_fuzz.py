"""Property-based, over every URL pattern the resolver has (test_every_url.url_templates, so a
new route is covered without being listed): generated path values, methods, query strings and
form fields never give a 5xx, for the public and for a superuser, on SQLite and PostgreSQL."""

import os
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist import services as checklist_services
from checklist import systems as checklist_systems
from tests.toolkit.test_every_url import url_templates
from tests.users import make_user

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(url_templates())
METHODS = ["get", "get", "post", "head", "put", "patch", "delete", "options"]
# Names the site's forms and filters use, and some they do not.
FIELDS = [
    "q",
    "page",
    "sort",
    "profession",
    "outcome",
    "setting",
    "type",
    "username",
    "password",
    "link",
    "links",
    "status",
    "owner",
    "notes",
    "name",
    "email",
    "target_date-day",
    "target_date-month",
    "target_date-year",
    "action",
    "_selected_action",
    "x",
]

text = st.text(max_size=60)
SEGMENT = st.one_of(
    st.sampled_from(["1", "0", "-1", "99", "introduction", "dietitians", "", "..", "start"]),
    text.map(lambda value: quote(value, safe="")),
    st.binary(max_size=16).map(lambda value: quote_from_bytes(value, safe="")),
    st.integers(min_value=44, max_value=5_000).map(lambda n: "A" * n),
)
VALUE = st.one_of(text, st.sampled_from(["\x00", "9" * 30, "\u0663", "2026", "on", ""]))
FORM = st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), VALUE, max_size=6)


@pytest.fixture
def real_tokens(db):
    record = checklist_services.progress_record_create(client="192.0.2.90")
    system = checklist_systems.system_view_create(
        client="192.0.2.90", name="Fuzz ICS", tokens=[record.read_token]
    )
    return [record.edit_token, record.read_token, system.edit_token, system.read_token]


@pytest.fixture
def superuser(db):
    return make_user(username="fuzz-admin", superuser=True)


@st.composite
def requests(draw, tokens):
    template, names = draw(st.sampled_from(TEMPLATES))
    values = [
        draw(st.one_of(SEGMENT, st.sampled_from(tokens)) if name == "token" else SEGMENT)
        for name in names
    ]
    url = template.format(*values)
    method = draw(st.sampled_from(METHODS))
    return method, url, draw(FORM)


def ask(client, method, url, form):
    cache.clear()  # the per-client limits would otherwise answer 429 after a few examples
    if method in ("get", "head"):
        response = getattr(client, method)(url, form, HTTP_HOST="127.0.0.1")
    else:
        response = client.generic(
            method.upper(),
            url,
            "&".join(f"{quote(str(k))}={quote(str(v))}" for k, v in form.items()),
            content_type="application/x-www-form-urlencoded",
            HTTP_HOST="127.0.0.1",
        )
    assert response.status_code < 500, f"{method.upper()} {url[:200]} {form!r:.200}"


# The same examples on every run, so that CI passes or fails on the code alone; to explore
# further, FUZZ_RANDOM=1 FUZZ_EXAMPLES=2000 draws new ones.
EXPLORE = bool(os.environ.get("FUZZ_RANDOM"))
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    derandomize=not EXPLORE,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.data())
def test_generated_requests_from_the_public_never_give_a_5xx(client, real_tokens, data):
    ask(client, *data.draw(requests(real_tokens)))


@settings(FUZZ, max_examples=FUZZ.max_examples * 2 // 5)
@given(data=st.data())
def test_generated_requests_from_a_superuser_never_give_a_5xx(client, real_tokens, superuser, data):
    if "_auth_user_id" not in client.session:  # signed in again after a generated sign-out
        client.force_login(superuser)
    ask(client, *data.draw(requests(real_tokens)))


def test_the_generator_reaches_every_pattern():
    assert len(TEMPLATES) == len({template for template, _ in TEMPLATES})
    assert any("<" not in t and "{0}" in t for t, _ in TEMPLATES)


@pytest.mark.parametrize("object_id", ["introduction", "x" * 300, "1.5"])
@pytest.mark.parametrize("view", ["preview/", "draft/"])
def test_an_admin_object_id_its_key_cannot_hold_is_a_404(client, object_id, view):
    """Found by the test above: a pathway step's preview with a slug for an id was a 500."""
    client.force_login(make_user(username="fuzz-admin", superuser=True))
    response = client.get(f"/admin/careers/pathwaystep/{object_id}/{view}", HTTP_HOST="127.0.0.1")
    assert response.status_code == 404
    response = client.post(
        f"/admin/careers/pathwaystep/{object_id}/move/up/", HTTP_HOST="127.0.0.1"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("object_id", ["%00", "a%00b", "introduction"])
@pytest.mark.parametrize(
    "view", ["history/", "history/compare/?version_id1=1&version_id2=2", "history/1/"]
)
def test_an_admin_history_of_an_id_its_key_cannot_hold_is_a_404(client, object_id, view):
    """Found by the test above on PostgreSQL: reversion looked up the versions of an outcome
    tag with a NUL in its id (a 500, "A string literal cannot contain NUL")."""
    client.force_login(make_user(username="fuzz-admin", superuser=True))
    response = client.get(
        f"/admin/casestudies/outcometag/{object_id}/{view}", HTTP_HOST="127.0.0.1"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["page=", "nonsense=1", "status__nope=x"])
def test_an_admin_export_with_a_filter_its_list_lacks_is_a_400(client, query):
    """Found by the test above: ``?page=`` on a case-study export was a 500."""
    client.force_login(make_user(username="fuzz-admin", superuser=True))
    response = client.get(f"/admin/casestudies/casestudy/export/?{query}", HTTP_HOST="127.0.0.1")
    assert response.status_code == 400
    assert "Sorry, there is a problem with the request" in response.content.decode()
    assert (
        client.get("/admin/casestudies/casestudy/export/", HTTP_HOST="127.0.0.1").status_code == 200
    )
