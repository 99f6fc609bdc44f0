"""Backups that restore (README "Backups and restores"): a site with the toolkit's content, an uploaded image,
a checklist record and an admin edit is backed up while a writer holds a transaction open,
restored into a fresh database and media folder, and read back over HTTP beside the original.

Everything runs as an operator would run it: ``manage.py`` in subprocesses, on the engine the
suite runs on (a new SQLite file, or a new PostgreSQL database made and dropped here)."""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

pytestmark = pytest.mark.slow  # migrates and loads a database, then restores it

ROOT = Path(settings.BASE_DIR)
DEFAULT = settings.DATABASES["default"]
POSTGRES = DEFAULT["ENGINE"].endswith("postgresql")


def run(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


class Databases:
    """New, empty databases of the suite's engine, dropped at the end."""

    def __init__(self, folder):
        self.folder, self.made = folder, []
        self.pg = {
            "host": DEFAULT["HOST"] or "127.0.0.1",
            "port": DEFAULT["PORT"] or 5432,
            "user": DEFAULT["USER"],
            "password": DEFAULT["PASSWORD"] or "",
        }

    def new(self, label):
        if not POSTGRES:
            return f"sqlite:///{self.folder / f'{label}.sqlite3'}"
        name = f"backup_{label}_{uuid.uuid4().hex[:8]}"
        self.admin(f"CREATE DATABASE {name}")
        self.made.append(name)
        pg = self.pg
        password = f":{pg['password']}" if pg["password"] else ""
        return f"postgres://{pg['user']}{password}@{pg['host']}:{pg['port']}/{name}"

    def admin(self, sql):
        connection = psycopg2.connect(dbname="postgres", **self.pg)
        connection.autocommit = True
        try:
            connection.cursor().execute(sql)
        finally:
            connection.close()

    def drop_all(self):
        for name in self.made:
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def site_env(database_url, media):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)  # each site its own cache: nothing read from the other's
    env.update(
        DJANGO_SETTINGS_MODULE="toolkit.settings",
        DJANGO_DEBUG="1",  # pages render without collectstatic; media served at /media/
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media),
    )
    return env


def open_writer(database_url):
    """A connection of the running site's, in the middle of a write it has not committed."""
    if POSTGRES:
        connection = psycopg2.connect(database_url)
    else:
        connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        connection.execute("BEGIN IMMEDIATE")  # holds SQLite's write lock
    connection.cursor().execute("UPDATE professions_profession SET summary = 'UNCOMMITTED'")
    return connection


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    """The original site (env, what was made in it) and the archive of it."""
    folder = tmp_path_factory.mktemp("backup")
    databases = Databases(folder)
    try:
        url = databases.new("original")
        env = site_env(url, folder / "media")
        run(env, "manage.py", "migrate", "--noinput")
        run(env, "manage.py", "load_toolkit")
        made = json.loads(run(env, "-m", "tests.toolkit.backup_make_site").stdout)
        (folder / "archives").mkdir()
        writer = open_writer(url)
        try:
            backed_up = run(env, "manage.py", "backup_site", str(folder / "archives"))
        finally:
            writer.rollback()
            writer.close()
        (archive,) = (folder / "archives").iterdir()
        yield {
            "env": env,
            "made": made,
            "archive": archive,
            "output": backed_up.stdout,
            "folder": folder,
            "databases": databases,
        }
    finally:
        databases.drop_all()


def fresh_site(backup, label):
    url = backup["databases"].new(label)
    return site_env(url, backup["folder"] / f"media-{label}")


def read_site(env, made, media):
    token, read, (first, second) = made["edit"], made["read"], made["actions"]
    wanted = {
        "user": made["admin"],
        "pages": [
            "/",
            "/case-studies/",
            f"/case-studies/{made['case_study']}/",
            f"/professions/{made['profession']}/",
            f"/checklist/progress/{token}/",
            f"/checklist/progress/{token}/actions/{first}/",
            f"/checklist/shared/{read}/",
            f"/checklist/shared/{read}/actions/{second}/",
        ],
        "admin": [made["history"]],
        "media": media,
    }
    return json.loads(run(env, "-m", "tests.toolkit.backup_read_site", json.dumps(wanted)).stdout)


def media_of(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_restore_into_a_fresh_database_shows_the_same_site(backup):
    assert "Backed up to" in backup["output"]
    assert oct(backup["archive"].stat().st_mode & 0o777) == "0o600"
    target = fresh_site(backup, "restored")
    restored = run(target, "manage.py", "restore_site", str(backup["archive"]))
    assert "every model has the rows it had" in restored.stdout
    assert "casestudies.CaseStudy" in restored.stdout and "expected" not in restored.stdout

    original_media = media_of(Path(backup["env"]["DJANGO_MEDIA_ROOT"]))
    restored_media = media_of(Path(target["DJANGO_MEDIA_ROOT"]))
    assert any(name.startswith("professions/therapy-room") for name in original_media)
    assert restored_media == original_media

    before = read_site(backup["env"], backup["made"], sorted(original_media))
    after = read_site(target, backup["made"], sorted(original_media))
    assert before.pop("site")[1] == backup["env"]["DJANGO_MEDIA_ROOT"]
    database, media = after.pop("site")
    assert media == target["DJANGO_MEDIA_ROOT"]
    assert database.endswith(target["DATABASE_URL"].rsplit("/", 1)[1])
    for path, (status, _) in before.items():
        assert status == 200, path
    assert after == before

    made = backup["made"]
    profession = after[f"/professions/{made['profession']}/"][1]
    assert "Restored from a backup, word for word." in profession
    assert "UNCOMMITTED" not in profession  # the open transaction was not backed up
    record = after[f"/checklist/progress/{made['edit']}/"][1]
    assert "Northshire NHS Trust" in record and "In progress" in record and "Completed" in record
    action = after[f"/checklist/progress/{made['edit']}/actions/{made['actions'][0]}/"][1]
    assert "Job plans drafted; review in March." in action
    assert "1 of 14 completed, 1 in progress" in action
    shared = after[f"/checklist/shared/{made['read']}/actions/{made['actions'][1]}/"][1]
    assert "Board agreed." in shared
    history = after[made["history"]][1]
    assert "Loaded from the toolkit content file" in history
    assert "Changed Summary" in history and "backup-admin" in history


def test_a_restore_refuses_a_database_that_is_not_empty(backup):
    refused = run(backup["env"], "manage.py", "restore_site", str(backup["archive"]), check=False)
    assert refused.returncode == 1
    assert "The target is not empty" in refused.stderr
    assert "run again with --yes" in refused.stderr


def test_a_damaged_archive_is_refused_before_anything_is_restored(backup):
    with tarfile.open(backup["archive"]) as tar:
        image = next(m for m in tar.getmembers() if m.name.startswith("media/professions/"))
    data = bytearray(backup["archive"].read_bytes())
    data[image.offset_data + image.size // 2] ^= 0xFF
    damaged = backup["folder"] / "damaged.tar"
    damaged.write_bytes(bytes(data))
    target = fresh_site(backup, "damaged")
    result = run(target, "manage.py", "restore_site", str(damaged), check=False)
    assert result.returncode == 1
    assert f"The archive is damaged: {image.name} does not match its checksum" in result.stderr
    verified = run(target, "manage.py", "restore_site", str(damaged), "--verify-only", check=False)
    assert "does not match its checksum" in verified.stderr
    # Nothing was restored: the media folder is empty, and the database too, or the restore
    # of the intact archive below would refuse it.
    assert media_of(Path(target["DJANGO_MEDIA_ROOT"])) == {}
    intact = run(target, "manage.py", "restore_site", str(backup["archive"]), "--verify-only")
    assert "is intact" in intact.stdout
    assert "Restored" in run(target, "manage.py", "restore_site", str(backup["archive"])).stdout


def test_backup_errors_say_what_to_do(backup, tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run(backup["env"], "manage.py", "backup_site", str(not_a_folder), check=False)
    assert result.returncode == 1
    assert f"CommandError: {not_a_folder} is not a folder" in result.stderr

    # PostgreSQL without its client tools: said before any connection is tried.
    env = {**backup["env"], "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    env["PATH"] = str(Path(sys.executable).parent)  # the virtualenv's tools only
    result = run(env, "manage.py", "backup_site", str(tmp_path), check=False)
    assert result.returncode == 1
    assert "pg_dump was not found on the PATH" in result.stderr
    assert "apt-get install postgresql-client" in result.stderr
    assert list(tmp_path.iterdir()) == [not_a_folder]  # no half-written archive left


def test_restore_errors_say_what_to_do(backup, tmp_path):
    not_an_archive = tmp_path / "notes.tar"
    not_an_archive.write_text("not a tar file")
    target = fresh_site(backup, "errors")
    result = run(target, "manage.py", "restore_site", str(not_an_archive), check=False)
    assert result.returncode == 1
    assert f"{not_an_archive} is not a backup archive made by backup_site" in result.stderr

    # An archive restores into the engine it was made from: said before any connection.
    other = (
        f"sqlite:///{tmp_path / 'other.sqlite3'}"
        if POSTGRES
        else "postgres://nobody@127.0.0.1:9/none"
    )
    env = {**target, "DATABASE_URL": other}
    result = run(env, "manage.py", "restore_site", str(backup["archive"]), check=False)
    made, configured = ("postgresql", "sqlite") if POSTGRES else ("sqlite", "postgresql")
    assert f"holds a {made} database; this site is configured for {configured}" in result.stderr
    assert not (tmp_path / "other.sqlite3").exists()
