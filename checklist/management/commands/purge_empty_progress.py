from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from checklist.models import ProgressRecord

BATCH = 500


class Command(BaseCommand):
    help = "Delete progress records nobody has written anything into for a number of days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CHECKLIST_EMPTY_RECORD_DAYS,
            help="Age in days of the empty records to delete (default: %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the records without deleting them."
        )

    def handle(self, *, days, dry_run, verbosity, **options):
        cutoff = timezone.now() - timedelta(days=days)
        stale = ProgressRecord.objects.empty().filter(updated_at__lt=cutoff)
        total = stale.count()
        if verbosity:
            self.stdout.write(f"{total} empty progress records untouched since {cutoff:%Y-%m-%d}.")
        deleted = 0
        while not dry_run and deleted < total:
            batch = list(stale.values_list("pk", flat=True)[:BATCH])
            if not batch:
                break
            ProgressRecord.objects.filter(pk__in=batch).delete()
            deleted += len(batch)
            if verbosity > 1 or (verbosity and total > BATCH):
                self.stdout.write(f"  deleted {deleted} of {total}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {total if dry_run else deleted} empty progress records "
                f"older than {days} days."
            )
        )
