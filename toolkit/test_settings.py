"""Fast, deterministic settings for the test suite (after bakerydemo's settings/test.py)."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_HTTPS", "0")

from toolkit.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each pytest-xdist worker (gw0, gw1, ...) uploads into a directory of its own.
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405
# Browser tests load uploaded images from the live server.
SERVE_MEDIA = True
