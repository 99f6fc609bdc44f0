"""A production start, in the README's order: every management command runs with DEBUG off
before collectstatic has written the static manifest."""

import os
import re
import secrets
import subprocess
import sys

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
