"""Recompute every case study's tag summaries from its professions, outcomes and settings."""

from django.core.management.base import BaseCommand
from django.db import transaction

from casestudies.finder import summaries
from casestudies.models import CaseStudy


class Command(BaseCommand):
    help = (
        "Recompute the tag summaries the finder counts with (needed only after writes that "
        "bypass Django's signals, e.g. raw SQL or bulk_create of tags)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Checking {CaseStudy.objects.count():,} case studies…")
        with transaction.atomic():
            corrected = summaries.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Corrected the tag summaries of {corrected:,}."))
