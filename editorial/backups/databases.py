"""The database half of a backup: SQLite through its online backup API, PostgreSQL through
pg_dump and pg_restore, each with the row counts and migration state of what it saved.

Both dumps are consistent snapshots taken while the site runs: SQLite copies every page in
one step under a read lock (WAL lets the site go on writing), and PostgreSQL counts rows in
the transaction whose snapshot pg_dump is given.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction

MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Connection settings passed to the PostgreSQL tools through libpq's environment variables,
# so that nothing, the password least of all, appears on a command line.
PG_SETTINGS = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def engine(connection) -> str:
    if connection.vendor not in MEMBERS:
        raise CommandError(
            f"Backups support SQLite and PostgreSQL; this site's database is {connection.vendor}."
        )
    return connection.vendor


def describe(connection) -> str:
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[engine(connection)]
    return f"the {name} database {connection.settings_dict['NAME']}"


def model_tables() -> dict[str, str]:
    """``{"app_label.Model": table}`` for every model with a table, many-to-many ones included."""
    return {
        model._meta.label: model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def snapshot(cursor, tables: set[str]) -> dict:
    """Rows per model and the last applied migration per app, read through ``cursor``."""
    rows = {}
    for label, table in sorted(model_tables().items()):
        if table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            rows[label] = {"table": table, "rows": cursor.fetchone()[0]}
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = dict(cursor.fetchall())
    return {"rows": rows, "migrations": migrations, "tables": sorted(tables)}


def quote(table: str) -> str:
    return '"' + table.replace('"', '""') + '"'


def tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def count_rows(connection, expected: dict) -> dict[str, int | None]:
    """The rows now in each table the manifest lists (None: the table is missing)."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        found = {}
        for label, entry in expected.items():
            found[label] = None
            if entry["table"] in present:
                cursor.execute(f"SELECT COUNT(*) FROM {quote(entry['table'])}")
                found[label] = cursor.fetchone()[0]
    return found


def dump(connection, target: Path) -> dict:
    if engine(connection) == "sqlite":
        return _dump_sqlite(connection.settings_dict, target)
    return _dump_postgresql(connection, target)


def restore(connection, source: Path) -> None:
    connection.close()  # the restore writes through a connection of its own
    if engine(connection) == "sqlite":
        _restore_sqlite(connection.settings_dict, source)
    else:
        _restore_postgresql(connection.settings_dict, source)


def _sqlite_path(db: dict) -> Path:
    name = str(db["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise CommandError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


def _dump_sqlite(db: dict, target: Path) -> dict:
    path = _sqlite_path(db)
    if not path.is_file():
        raise CommandError(f"The database file {path} does not exist.")
    source = sqlite3.connect(path, timeout=db.get("OPTIONS", {}).get("timeout", 20))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # every page in one step: one consistent snapshot
        source.close()
        # A file that stands alone: no write-ahead log beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        (check,) = copy.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise CommandError(f"The copy of {path} fails SQLite's integrity check: {check}")
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return snapshot(cursor, {name for (name,) in cursor.fetchall()})
    finally:
        source.close()
        copy.close()


def _restore_sqlite(db: dict, source: Path) -> None:
    """Written through SQLite rather than by copying the file, so that a write-ahead log left
    beside the old file can never be replayed into the restored one."""
    path = _sqlite_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = sqlite3.connect(source)
    target = sqlite3.connect(path, timeout=db.get("OPTIONS", {}).get("timeout", 20))
    try:
        backup.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as error:
        raise CommandError(f"Could not write {path}: {error}. Is the site still running?") from None
    finally:
        backup.close()
        target.close()


def pg_environment(db: dict) -> dict:
    env = dict(os.environ)
    for key, variable in PG_SETTINGS.items():
        if db.get(key):
            env[variable] = str(db[key])
    for option, variable in PG_OPTIONS.items():
        if db.get("OPTIONS", {}).get(option):
            env[variable] = str(db["OPTIONS"][option])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"{name} was not found on the PATH. Install the PostgreSQL client tools of the "
            f"server's major version (on Debian: apt-get install postgresql-client) and try again."
        )
    return path


def _run(args: list[str], db: dict) -> None:
    result = subprocess.run(args, env=pg_environment(db), capture_output=True, text=True)
    if result.returncode:
        raise CommandError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def _dump_postgresql(connection, target: Path) -> dict:
    pg_dump = pg_tool("pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot_id,) = cursor.fetchone()
        # pg_dump reads the snapshot this transaction holds: the counts below are of the dump.
        args = [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot_id}"]
        _run([*args, f"--file={target}"], connection.settings_dict)
        return snapshot(cursor, set(connection.introspection.table_names(cursor)))


def _restore_postgresql(db: dict, source: Path) -> None:
    pg_restore = pg_tool("pg_restore")
    options = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
    _run([pg_restore, *options, "--no-password", f"--dbname={db['NAME']}", str(source)], db)
