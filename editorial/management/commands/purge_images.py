from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from editorial.images.cleanup import orphaned_images


class Command(BaseCommand):
    help = (
        "Delete uploaded images (in the image fields' folders and drafts/) and renditions that "
        "no item, draft or version in the history names."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-hours",
            type=float,
            default=24,
            help="Leave files younger than this alone: they may belong to a save still "
            "in progress (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the files without deleting them."
        )

    def handle(self, *, min_age_hours, dry_run, verbosity, **options):
        orphans = orphaned_images(default_storage, min_age=timedelta(hours=min_age_hours))
        for name in orphans:
            if not dry_run:
                default_storage.delete(name)
            if verbosity > 1 or dry_run:
                self.stdout.write(f"  {name}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} unused image files."))
