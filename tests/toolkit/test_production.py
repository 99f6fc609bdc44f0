"""A production start, in the README's order: every management command runs with DEBUG off
before collectstatic has written the static manifest."""

import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def production_env(tmp_path):
    """DEBUG off, a real secret key, an empty STATIC_ROOT and an SQLite file of the test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    static_root = tmp_path / "static"
    static_root.mkdir()
    env.update(
        DJANGO_SETTINGS_MODULE="toolkit.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=timeout,
    )


def test_check_runs_with_debug_off_before_collectstatic(production_env):
    result = manage(production_env, "check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    assert "manifest" not in result.stderr


@pytest.mark.slow
def test_a_production_deploy_runs_in_the_documented_order(production_env, tmp_path):
    migrated = manage(production_env, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    assert "Applying checklist.0001_initial... OK" in migrated.stdout
    assert list((tmp_path / "static").iterdir()) == []

    collected = manage(production_env, "collectstatic", "--no-input")
    assert collected.returncode == 0, collected.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()

    # With the manifest written, /favicon.ico points at the hashed, far-future-cached file.
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/favicon.ico', HTTP_HOST='127.0.0.1', secure=True); "
        "print(r.status_code, r['Location'])"
    )
    fetched = subprocess.run(
        [sys.executable, "-c", code],
        env=production_env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    status, location = fetched.stdout.split()
    assert status == "301"
    assert re.fullmatch(r"/static/nhsuk/assets/images/favicon\.[0-9a-f]{12}\.ico", location)


def settings_value(env, expression):
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    ).stdout.strip()


def test_the_forwarded_proto_header_is_trusted_only_behind_a_proxy(production_env):
    expression = "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"
    assert settings_value(production_env, expression) == "None"
    behind = {**production_env, "DJANGO_BEHIND_PROXY": "1"}
    assert settings_value(behind, expression) == "('HTTP_X_FORWARDED_PROTO', 'https')"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_gunicorns_access_log_never_holds_a_capability_token(production_env, tmp_path):
    """gunicorn started with the project's config file; DEBUG on only so that pages render
    without collectstatic: the access log is gunicorn's, whatever Django's settings."""
    port = free_port()
    log = tmp_path / "access.log"
    env = {**production_env, "DJANGO_DEBUG": "1", "GUNICORN_WORKERS": "1"}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    token = "Secr3tTokenThatMustNotBeLogged_" + "a" * 12
    paths = [
        f"/checklist/progress/{token}/",
        f"/checklist/shared/{token}/print/",
        f"/checklist/systems/{token}/system.csv",
        f"/checklist/systems/shared/{token}/?x=1",
    ]
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        for path in paths:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Referer": f"http://127.0.0.1:{port}/checklist/shared/{token}/"},
            )
            # Answered (a 404 or 500 without a database): what matters is the log line.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert token not in text
    for line in [
        '"GET /checklist/progress/[token]/ HTTP/1.1"',
        '"GET /checklist/shared/[token]/print/ HTTP/1.1"',
        '"GET /checklist/systems/[token]/system.csv HTTP/1.1"',
        '"GET /checklist/systems/shared/[token]/?x=1 HTTP/1.1"',
        f'"http://127.0.0.1:{port}/checklist/shared/[token]/"',
    ]:
        assert line in text
