import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from editorial.backups import archive as archive_module
from editorial.backups import databases


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_site into the configured database and media folder, "
        "after checking every member against its manifest; then compare the rows with the "
        "manifest. Stop the site first. Refuses a database or media folder that is not empty "
        "unless given --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, metavar="ARCHIVE")
        parser.add_argument(
            "--yes", action="store_true", help="Replace what the database and media folder hold."
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Only check the archive against its manifest; restore nothing.",
        )

    def handle(self, *, archive: Path, yes, verify_only, **options):
        started = time.monotonic()
        connection = connections[DEFAULT_DB_ALIAS]
        engine = databases.engine(connection)
        tar, manifest = archive_module.open_archive(archive)
        with tar:
            made = manifest["database"]["engine"]
            if verify_only:
                count = archive_module.extract(tar, manifest, database=None, media=None)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{archive} is intact: {count} members match the manifest "
                        f"(a {made} backup of {manifest['created']})."
                    )
                )
                return
            if made != engine:
                raise CommandError(
                    f"{archive} holds a {made} database; this site is configured for {engine} "
                    f"(DATABASE_URL). Restore it into a {made} database."
                )
            self.refuse_unless_empty(connection, yes)
            self.stdout.write(
                f"Restoring the backup of {manifest['created']} into {databases.describe(connection)} "
                f"and {settings.MEDIA_ROOT}. The site must be stopped until this has finished."
            )
            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            with (
                tempfile.TemporaryDirectory(prefix="ahp-restore-") as folder,
                tempfile.TemporaryDirectory(dir=media_root, prefix=".restore-") as staged,
            ):
                dump = Path(folder) / manifest["database"]["member"]
                count = archive_module.extract(tar, manifest, database=dump, media=Path(staged))
                self.stdout.write(f"Checksums: all {count} members match the manifest.")
                databases.restore(connection, dump)
                placed = archive_module.place(Path(staged), media_root)
        self.stdout.write(f"Media: {placed} files written.")
        self.check_rows(connection, manifest)
        self.report_leftovers(connection, manifest, media_root)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive} ({manifest['created']}): every model has the rows it had, "
                f"{placed} media files, {time.monotonic() - started:.1f} s."
            )
        )

    def refuse_unless_empty(self, connection, yes):
        tables = databases.tables(connection)
        files = archive_module.media_files(Path(settings.MEDIA_ROOT))
        if (tables or files) and not yes:
            raise CommandError(
                f"The target is not empty: {databases.describe(connection)} has {len(tables)} "
                f"tables and {settings.MEDIA_ROOT} has {len(files)} files. A restore replaces the "
                f"database and writes the media files over those of the same name. To do that, "
                f"stop the site and run again with --yes."
            )

    def check_rows(self, connection, manifest):
        expected = manifest["rows"]
        found = databases.count_rows(connection, expected)
        width = max(len(label) for label in expected)
        wrong = []
        for label, entry in expected.items():
            mark = "ok" if found[label] == entry["rows"] else f"expected {entry['rows']:,}"
            if found[label] != entry["rows"]:
                wrong.append(label)
            shown = "missing" if found[label] is None else f"{found[label]:,}"
            self.stdout.write(f"  {label:<{width}}  {shown:>9}  {mark}")
        if wrong:
            raise CommandError(f"The restored rows differ from the backup's in {', '.join(wrong)}.")

    def report_leftovers(self, connection, manifest, media_root):
        extra = sorted(set(databases.tables(connection)) - set(manifest["tables"]))
        if extra:
            self.stdout.write(
                self.style.WARNING(
                    f"Tables the backup did not have are still there: {', '.join(extra)}. "
                    f"Restore into an empty database to be rid of them."
                )
            )
        named = {name.removeprefix("media/") for name in manifest["members"]}
        others = [
            f
            for f in archive_module.media_files(media_root)
            if f.relative_to(media_root).as_posix() not in named
        ]
        if others:
            self.stdout.write(
                f"{len(others)} files in {media_root} are not in the backup; left in place "
                f"(manage.py purge_images removes those nothing names)."
            )
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(
                self.style.WARNING(
                    f"This code has {len(plan)} migrations the backup had not had: "
                    f"run manage.py migrate."
                )
            )
