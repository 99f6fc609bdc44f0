"""Path converters (toolkit/converters.py): a value no token, slug or action number can be is
a 404 from the URL resolver, before the view runs a query."""

from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse

from checklist import services as checklist_services
from checklist.models import new_token

TOKEN = "A" * 43

BAD_PATHS = [
    "/checklist/progress/%00/",
    f"/checklist/progress/{'x' * 10_000}/",
    f"/checklist/shared/{TOKEN[:-1]}/",  # one character short
    f"/checklist/shared/{TOKEN}x/",  # one too many
    f"/checklist/shared/{TOKEN[:-1]}%2E/",
    f"/checklist/progress/{TOKEN}/actions/%D9%A3/",  # ARABIC-INDIC DIGIT THREE
    f"/checklist/progress/{TOKEN}/actions/%EF%BC%91/",  # FULLWIDTH DIGIT ONE
    f"/checklist/progress/{TOKEN}/actions/100/",
    f"/checklist/shared/{TOKEN}/actions/-1/",
    f"/checklist/systems/{'x' * 10_000}/system.csv",
    f"/case-studies/{'a' * 256}/",
    "/professions/%00/",
    "/careers/stories/caf%C3%A9/",
    f"/{'a' * 10_000}/",
    f"/alerts/confirm/{TOKEN[:-1]}/",
    "/alerts/manage/%00/",
    f"/alerts/unsubscribe/{'x' * 401}/",
    "/case-studies/submit/sent/a%20b/",
]


def test_every_token_the_checklist_makes_fits_the_converter():
    tokens = {new_token() for _ in range(2_000)}
    for token in tokens:
        assert resolve(f"/checklist/progress/{token}/").kwargs["token"] == token


@pytest.mark.parametrize("path", BAD_PATHS)
def test_the_resolver_refuses_what_no_value_can_be(path):
    with pytest.raises(Resolver404):
        resolve(unquote(path))


def baseline_404_queries(client):
    """The 404 page's own queries, on a path no pattern takes at all (its navigation, once
    the first page after a content change has read it)."""
    client.get("/checklist/no/such/page/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/checklist/no/such/page/").status_code == 404
    return len(queries)


@pytest.mark.parametrize("path", BAD_PATHS)
def test_a_bad_value_is_a_404_page_before_any_query_of_the_view(client, db, path):
    expected = baseline_404_queries(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert len(queries) == expected, [q["sql"] for q in queries]
    for query in queries:
        assert "checklist_" not in query["sql"]
        assert "casestudies_" not in query["sql"]


def test_the_resolver_itself_runs_no_query(django_assert_num_queries, db):
    with django_assert_num_queries(0), pytest.raises(Resolver404):
        resolve("/checklist/progress/" + "x" * 10_000 + "/")


def test_a_real_record_and_action_still_resolve(client, db):
    record = checklist_services.progress_record_create(client="192.0.2.40")
    url = reverse("checklist:progress-action", args=[record.edit_token, 3])
    assert url.endswith("/actions/3/")
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert "<title>Action 3: " in response.content.decode()


def test_registering_again_changes_nothing_and_warns_nothing():
    from toolkit import converters

    converters.register()
    assert resolve(f"/checklist/shared/{TOKEN}/").url_name == "shared"
