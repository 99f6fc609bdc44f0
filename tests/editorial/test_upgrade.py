"""A database made by main at 577ef67 (models in the toolkit app, roles in its migration 0004)
migrates to today's apps and keeps its history, drafts, link checks, search entries and roles.

The dumps in data/ were made as data/make_legacy_db.py says. Each test loads one into a
database of its own, runs the real ``manage.py migrate`` on it in a subprocess, then reads it
back through Django in another, as the site would."""

import gzip
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow  # migrates a database made from an earlier main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
VENDORS = ["sqlite"]
if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
    VENDORS.append("postgresql")

# Run inside the migrated database: what an editor and a publisher would find there.
READ_BACK = r"""
import json
import django
django.setup()
from django.contrib.auth.models import User
from django.test import Client
from reversion.models import Version
from editorial.models import Draft, LinkCheck, SearchEntry
from pages.models import KeyFact, Page

page = Page.objects.get(slug="introduction")
versions = Version.objects.get_for_object(page)
draft = Draft.objects.get()
check = LinkCheck.objects.get()
edith, percy = User.objects.get(username="edith"), User.objects.get(username="percy")
User.objects.filter(pk=percy.pk).update(is_staff=True)  # the dump's users are not staff
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(percy)
history = client.get(f"/admin/pages/page/{page.pk}/history/")
oldest = versions.order_by("pk").first()
revert = client.get(f"/admin/pages/page/{page.pk}/history/{oldest.pk}/")
draft_page = client.get(f"/admin/pages/page/{page.pk}/draft/")
print(json.dumps({
    "summary": page.summary,
    "comments": sorted(v.revision.comment for v in versions),
    "oldest_fields": oldest.field_dict["title"],
    "keyfact_versions": Version.objects.get_for_object(KeyFact.objects.get(pk=1)).count(),
    "draft_of": str(draft.content_object),
    "draft_by": draft.saved_by.username,
    "draft_title": draft.data["title"],
    "used_by": check.used_by,
    "kinds": sorted(SearchEntry.objects.values_list("kind", flat=True).distinct()),
    "edith": [edith.has_perm(p) for p in ("pages.change_page", "pages.publish_page", "editorial.view_draft")],
    "percy": [percy.has_perm(p) for p in ("pages.change_page", "pages.publish_page", "pages.delete_page")],
    "history": [history.status_code, "Changed the summary." in history.content.decode()],
    "revert": revert.status_code,
    "draft_page": [draft_page.status_code, "Introduction (draft title)" in draft_page.content.decode()],
}))
"""


def run(env, *args):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def old_database(request, tmp_path):
    """The database URL of a fresh copy of the dump for ``request.param``."""
    vendor = request.param
    dump = gzip.decompress((DATA / f"main-577ef67.{vendor}.sql.gz").read_bytes()).decode()
    if vendor == "sqlite":
        path = tmp_path / "old.sqlite3"
        with sqlite3.connect(path) as connection:
            connection.executescript(dump)
        yield f"sqlite:///{path}"
        return
    default = settings.DATABASES["default"]
    name = f"upgrade_{uuid.uuid4().hex[:8]}"
    host = ["-h", default["HOST"] or "127.0.0.1", "-p", str(default["PORT"] or 5432)]
    user = ["-U", default["USER"]]
    env = {**os.environ, "PGPASSWORD": default["PASSWORD"] or ""}
    psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", *host, *user]
    subprocess.run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {name}"], env=env, check=True)
    try:
        subprocess.run(
            [*psql, "-d", name], input=dump, text=True, env=env, check=True, capture_output=True
        )
        password = f":{default['PASSWORD']}" if default["PASSWORD"] else ""
        yield f"postgres://{default['USER']}{password}@{host[1]}:{host[3]}/{name}"
    finally:
        subprocess.run(
            [*psql, "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], env=env, check=True
        )


@pytest.mark.parametrize("old_database", VENDORS, indirect=True)
def test_a_database_from_main_keeps_history_drafts_links_and_roles(old_database):
    env = {
        **os.environ,
        "DATABASE_URL": old_database,
        "DJANGO_SETTINGS_MODULE": "toolkit.settings",
        "DJANGO_DEBUG": "1",
    }
    migrated = run(env, "manage.py", "migrate", "--noinput")
    assert "Applying pages.0002_from_toolkit... OK" in migrated
    assert "Applying pages.0001_initial" not in migrated  # its tables were there already
    found = json.loads(run(env, "-c", READ_BACK).strip().splitlines()[-1])

    assert found["summary"] == "Legacy summary, second version."
    assert "Changed the summary." in found["comments"]
    assert "First version, by hand." in found["comments"]
    assert found["oldest_fields"] == "Introduction"
    assert found["keyfact_versions"] >= 1
    assert found["draft_of"] == "Introduction"
    assert found["draft_by"] == "edith"
    assert found["draft_title"] == ["Introduction (draft title)"]
    assert found["used_by"][0]["model"] == "pages.page"
    assert "pages.page" in found["kinds"] and "pages.keyfact" in found["kinds"]
    assert not any(kind.startswith("toolkit.") for kind in found["kinds"])
    assert found["edith"] == [True, False, True]
    assert found["percy"] == [True, True, True]
    assert found["history"] == [200, True]
    assert found["revert"] == 200
    assert found["draft_page"] == [200, True]

    again = run(env, "manage.py", "migrate", "--noinput")
    assert "No migrations to apply." in again
