"""The logs an operator reads (README "Logs"): one JSON line per request with its id, errors
with the same id, and never a capability token, in what the configured handlers write."""

import io
import json
import logging
import re

import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

from checklist import services as checklist_services
from toolkit import views as toolkit_views
from toolkit.logsafe import mask_capabilities

pytestmark = pytest.mark.django_db

FAKE_TOKEN = "Zq9" * 14 + "x"  # the shape of a token, no record's


def boom(request, token):
    raise RuntimeError(f"something broke for the record {request.path}")


def fine(request, token):
    return HttpResponse("fine")


# A URLconf for the error test: the site's, and a view failing under a capability-shaped path.
urlpatterns = [
    path("checklist/progress/<str:token>/boom/", boom),
    path("checklist/progress/<str:token>/fine/", fine),
    path("", include("toolkit.urls")),
]
handler500 = toolkit_views.server_error


@pytest.fixture
def logs():
    """What the project's two log handlers write, as text."""
    streams = {}
    handlers = [
        *logging.getLogger().handlers,
        *logging.getLogger("toolkit.requests").handlers,
    ]
    originals = []
    for handler in handlers:
        if isinstance(handler, logging.StreamHandler) and handler.get_name() in {
            "console",
            "requests",
        }:
            streams[handler.get_name()] = io.StringIO()
            originals.append((handler, handler.setStream(streams[handler.get_name()])))
    assert set(streams) == {"console", "requests"}
    yield streams
    for handler, original in originals:
        handler.setStream(original)


def request_lines(logs):
    return [json.loads(line) for line in logs["requests"].getvalue().splitlines()]


def everything(logs):
    return logs["console"].getvalue() + logs["requests"].getvalue()


def test_a_capability_page_is_logged_as_one_line_without_its_token(logs):
    record = checklist_services.progress_record_create(client="192.0.2.60")
    response = Client().get(record.get_absolute_url(), HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    [line] = request_lines(logs)
    assert line["method"] == "GET"
    assert line["path"] == "/checklist/progress/[token]/"
    assert line["status"] == 200
    assert line["view"] == "checklist:progress"
    assert isinstance(line["duration_ms"], float)
    assert line["request_id"] == response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert record.edit_token not in everything(logs)


def test_a_404_on_a_token_shaped_path_logs_no_token(logs):
    response = Client().get(f"/checklist/shared/{FAKE_TOKEN}/print/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 404
    [line] = request_lines(logs)
    assert line["path"] == "/checklist/shared/[token]/print/"
    assert line["status"] == 404
    assert FAKE_TOKEN not in everything(logs)


@override_settings(ROOT_URLCONF=__name__)
def test_a_500_is_logged_with_its_traceback_and_request_id_and_no_token(logs):
    client = Client(raise_request_exception=False)
    response = client.get(f"/checklist/progress/{FAKE_TOKEN}/boom/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    [line] = request_lines(logs)
    assert line["status"] == 500
    assert line["request_id"] == request_id
    errors = logs["console"].getvalue()
    assert f"ERROR django.request request_id={request_id} Internal Server Error: " in errors
    assert "/checklist/progress/[token]/boom/" in errors
    # The traceback is there, with the exception's own message masked too.
    assert "Traceback (most recent call last)" in errors
    assert (
        "RuntimeError: something broke for the record /checklist/progress/[token]/boom/" in errors
    )
    assert FAKE_TOKEN not in everything(logs)


@override_settings(ROOT_URLCONF=__name__)
def test_a_request_id_from_the_proxy_is_kept_and_echoed(logs):
    response = Client().get(
        f"/checklist/progress/{FAKE_TOKEN}/fine/",
        HTTP_HOST="127.0.0.1",
        HTTP_X_REQUEST_ID="f3b1c2d4e5-nginx.7",
    )
    assert response["X-Request-ID"] == "f3b1c2d4e5-nginx.7"
    assert request_lines(logs)[0]["request_id"] == "f3b1c2d4e5-nginx.7"


@pytest.mark.parametrize(
    "given", ["a b", "x" * 65, "id\nforged line", "<script>", "-starts-with-dash", "ü"]
)
@override_settings(ROOT_URLCONF=__name__)
def test_a_request_id_that_is_not_sane_is_replaced(logs, given):
    response = Client().get(
        f"/checklist/progress/{FAKE_TOKEN}/fine/", HTTP_HOST="127.0.0.1", HTTP_X_REQUEST_ID=given
    )
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    [line] = request_lines(logs)
    assert line["request_id"] == response["X-Request-ID"]


def test_a_warning_outside_a_request_has_no_request_id(logs):
    logging.getLogger("toolkit.test").warning("check /checklist/systems/%s/ later", FAKE_TOKEN)
    text = logs["console"].getvalue()
    assert "WARNING toolkit.test request_id=- check /checklist/systems/[token]/ later" in text


def test_sign_in_failures_are_logged_without_the_password(logs):
    Client().post(
        "/admin/login/",
        {"username": "someone", "password": "hunter2-secret"},
        HTTP_HOST="127.0.0.1",
        REMOTE_ADDR="192.0.2.61",
    )
    assert "hunter2-secret" not in everything(logs)
    assert request_lines(logs)[0]["path"] == "/admin/login/"


@pytest.mark.parametrize(
    ("path", "masked"),
    [
        (f"/checklist/progress/{FAKE_TOKEN}/actions/3/", "/checklist/progress/[token]/actions/3/"),
        (f"/checklist/systems/shared/{FAKE_TOKEN}/", "/checklist/systems/shared/[token]/"),
        ("/checklist/systems/start/", "/checklist/systems/start/"),
        ("/alerts/manage/AbC:1x2y:zZ-_/", "/alerts/manage/[token]/"),
        ("/alerts/unsubscribe/AbC:1x2y/", "/alerts/unsubscribe/[token]/"),
        ("/alerts/confirm/AbCdEf123/", "/alerts/confirm/[token]/"),
        ("/case-studies/submit/sent/AbC123/", "/case-studies/submit/sent/[token]/"),
        ("/case-studies/dietitians/", "/case-studies/dietitians/"),
    ],
)
def test_every_kind_of_capability_link_is_masked(path, masked):
    assert mask_capabilities(f'GET {path}?x=1 "https://h{path}"') == (
        f'GET {masked}?x=1 "https://h{masked}"'
    )
