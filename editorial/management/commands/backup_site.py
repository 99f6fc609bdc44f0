import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from editorial.backups import archive, databases


def size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


class Command(BaseCommand):
    help = (
        "Write one archive (ahp-toolkit-YYYYMMDD-HHMMSS.tar) into DIR holding the database, "
        "the media folder and a manifest of both. Safe to run while the site is serving."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *, directory, **options):
        started = time.monotonic()
        connection = connections[DEFAULT_DB_ALIAS]
        engine = databases.engine(connection)
        directory = directory.absolute()
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder: create it first (mkdir -p).")
        created = datetime.now(UTC)
        path = directory / f"ahp-toolkit-{created:%Y%m%d-%H%M%S}.tar"
        if path.exists():
            raise CommandError(f"{path} already exists: wait a second and run again.")
        try:
            staging = tempfile.TemporaryDirectory(dir=directory, prefix=".backup-")
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error.strerror}.") from None
        member = databases.MEMBERS[engine]
        try:
            with staging as folder:
                dump = Path(folder) / member
                state = databases.dump(connection, dump)
                rows = sum(entry["rows"] for entry in state["rows"].values())
                self.stdout.write(
                    f"Database ({databases.describe(connection)}): {rows:,} rows in "
                    f"{len(state['rows'])} models, {size(dump.stat().st_size)}, "
                    f"{time.monotonic() - started:.1f} s"
                )
                manifest = archive.write(
                    path,
                    database=dump,
                    member=member,
                    media_root=Path(settings.MEDIA_ROOT),
                    manifest={
                        "created": created.isoformat(timespec="seconds"),
                        "django": django.get_version(),
                        "database": {"engine": engine, "member": member},
                        **state,
                    },
                )
        except OSError as error:
            raise CommandError(f"Cannot write the backup in {directory}: {error}") from None
        media = manifest["media"]
        self.stdout.write(
            f"Media ({settings.MEDIA_ROOT}): {media['files']} files, {size(media['bytes'])}"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up to {path} ({size(path.stat().st_size)}, "
                f"{time.monotonic() - started:.1f} s)."
            )
        )
