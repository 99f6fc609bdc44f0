import os
import subprocess
import sys

import pytest
from django.conf import settings

SETUP = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="toolkit.settings")
    return subprocess.run(
        [sys.executable, "-c", SETUP],
        env=clean,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_start_up_fails_without_a_secret_key_when_debug_is_off():
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_debug_is_only_on_when_asked_for():
    assert run_settings(DJANGO_DEBUG="1").stdout.strip() == "True"
    assert run_settings(DJANGO_SECRET_KEY="k" * 50).stdout.strip() == "False"
    assert run_settings(DJANGO_SECRET_KEY="k" * 50, DJANGO_DEBUG="0").stdout.strip() == "False"


def test_production_settings_are_https_only():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(DJANGO_SETTINGS_MODULE="toolkit.settings", DJANGO_SECRET_KEY="k" * 50)
    out = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    ).stdout.split()
    assert out == ["True", "31536000", "True", "True"]


def test_the_default_sqlite_database_is_configured_for_concurrent_use():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.DATABASES['default']['OPTIONS']; "
        "print(o['transaction_mode'], o['timeout'], 'journal_mode=WAL' in o['init_command'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    clean.update(DJANGO_SETTINGS_MODULE="toolkit.settings", DJANGO_DEBUG="1")
    out = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    ).stdout.split()
    assert out == ["IMMEDIATE", "20", "True"]
