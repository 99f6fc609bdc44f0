"""/healthz (liveness), /readyz (database and cache) and the 503 page a database outage gives.

The outage is real: a Django process of its own whose database is a PostgreSQL address where
nothing listens, or an SQLite file in a folder that does not exist."""

import json
import os
import re
import socket
import subprocess
import sys

import pytest
from django.conf import settings

ASK = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
answers = {}
for method, path in %r:
    r = getattr(client, method)(path)
    answers[method + " " + path] = {
        "status": r.status_code,
        "retry_after": r.get("Retry-After"),
        "cache_control": r.get("Cache-Control", ""),
        "csp": r.get("Content-Security-Policy", ""),
        "body": r.content.decode(),
    }
print(json.dumps(answers))
"""

PAGES = [
    ("get", "/"),
    ("get", "/case-studies/"),
    ("get", "/case-studies/?profession=dietitians&q=autism"),
    ("get", "/professions/dietitians/"),
    ("get", "/checklist/"),
    ("post", "/checklist/start/"),
    ("get", "/introduction/"),
]


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ask(database_url, requests):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="toolkit.test_settings", DATABASE_URL=database_url)
    result = subprocess.run(
        [sys.executable, "-c", ASK % (requests,)],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def heading(body):
    return body.split("<h1>", 1)[1].split("</h1>", 1)[0].strip()


@pytest.mark.slow
@pytest.mark.parametrize(
    "database_url",
    [
        f"postgres://postgres@127.0.0.1:{closed_port()}/toolkit",
        "sqlite:////nonexistent-folder/for-ever/db.sqlite3",
    ],
    ids=["postgresql-refused", "sqlite-unopenable"],
)
def test_pages_answer_service_unavailable_while_the_database_is_down(database_url):
    answers = ask(database_url, [*PAGES, ("get", "/readyz"), ("get", "/healthz")])

    for method, path in PAGES:
        request = f"{method} {path}"
        answer = answers[request]
        assert answer["status"] == 503, request
        assert answer["retry_after"] == "30", request
        assert "no-store" in answer["cache_control"], request
        assert heading(answer["body"]) == "Sorry, the service is unavailable", request
        assert "Try again in a few minutes." in answer["body"], request
        assert "If you were saving a change just now, it was not saved" in answer["body"]
        assert "<title>Sorry, the service is unavailable – AHP toolkit</title>" in answer["body"]
        assert "nhsuk-header" in answer["body"], request  # the site's own NHS.UK layout
        # NHS.UK frontend starts from an inline script: the policy must allow it by its nonce
        [nonce] = re.findall(r'<script nonce="([^"]+)">document\.body', answer["body"])
        assert f"'nonce-{nonce}'" in answer["csp"], request

    assert answers["get /readyz"]["status"] == 503
    assert answers["get /readyz"]["body"].splitlines()[0] == "database: unavailable"
    # Liveness asks nothing of the database: the process itself is fine.
    assert answers["get /healthz"]["status"] == 200


def test_readyz_reports_database_and_cache(client, db):
    response = client.get("/readyz", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().splitlines() == ["database: ok", "cache: ok"]
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_liveness_only(client):
    # Without the db fixture any query would raise: liveness asks nothing of the database.
    response = client.get("/healthz", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_checks_are_exempt_from_the_https_redirect(client, settings, db):
    """The load balancer asks over plain HTTP: a redirect to https:// would read as down."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/readyz", HTTP_HOST="127.0.0.1").status_code == 200
    assert client.get("/healthz", HTTP_HOST="127.0.0.1").status_code == 200
    redirected = client.get("/checklist/", HTTP_HOST="127.0.0.1")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://127.0.0.1/checklist/"


def test_readyz_stays_ready_without_redis(client, db, settings):
    """A server without its cache still serves: it stays in the load balancer."""
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    response = client.get("/readyz", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == [
        "database: ok",
        "cache: unavailable (serving without it)",
    ]
    page = client.get("/case-studies/", HTTP_HOST="127.0.0.1")
    assert page.status_code == 200
    assert "Case studies" in page.content.decode()
