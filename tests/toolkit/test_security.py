import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.users import make_user
from toolkit import views

pytestmark = pytest.mark.django_db


def test_admin_login_is_locked_after_repeated_failures(client):
    make_user(username="editor", password="the-right-passphrase")
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(url, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "is locked for 1\u00a0hour." in response.content.decode()  # AXES_COOLOFF_TIME
    # Even the right password is refused while locked.
    response = client.post(url, {"username": "editor", "password": "the-right-passphrase"})
    assert response.status_code == 429


def test_the_500_page_needs_no_database(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    monkeypatch.setattr(connection, "cursor", broken)
    request = rf.get("/")
    request.csp_nonce = "n0nce"  # as django-csp's middleware gives it
    response = views.server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert '<script nonce="n0nce">document.body' in response.content.decode()


def test_400_and_403_pages_are_nhs_styled(rf):
    request = rf.get("/")
    bad = views.bad_request(request)
    assert bad.status_code == 400
    assert "nhsuk-header" in bad.content.decode()
    denied = views.permission_denied(request)
    assert denied.status_code == 403
    assert "You do not have permission" in denied.content.decode()


def test_a_missing_csrf_token_gets_a_clear_page():
    make_user(username="editor", password="x" * 16)
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


def test_favicon_redirects_to_the_nhs_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/case-studies/",
        "/case-studies/?profession=dietitians&q=therapy",
        "/case-studies/evidence-map/",
        "/case-studies/export.csv",
        "/professions/dietitians/",
        "/introduction/",
    ],
)
def test_public_pages_leave_the_session_alone(client, path):
    """No session is read or written for a visitor: no cookie, no Vary: Cookie (which would
    stop shared caches), no session query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")
    assert not any("django_session" in q["sql"] for q in queries.captured_queries)
