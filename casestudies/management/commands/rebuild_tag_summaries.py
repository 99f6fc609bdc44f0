"""Recompute every case study's tag summaries from its professions, outcomes and settings,
first giving a bit to any tag written without one."""

from django.core.management.base import BaseCommand
from django.db import transaction

from casestudies.finder import snapshot, summaries
from casestudies.models import CaseStudy
from professions.tagbits import assign_missing_bits


class Command(BaseCommand):
    help = (
        "Recompute the tag summaries the finder counts with (needed only after writes that "
        "bypass Django's signals or a tag's save, e.g. raw SQL or bulk_create of tags)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Checking {CaseStudy.objects.count():,} case studies…")
        with transaction.atomic():
            for field, _ in summaries.relations(CaseStudy):
                tag_model = field.related_model
                if given := assign_missing_bits(tag_model):
                    self.stdout.write(f"  gave {tags(tag_model, given)} a bit")
                if left := tag_model._base_manager.filter(bit=None).count():
                    self.stderr.write(
                        self.style.WARNING(
                            f"  {tags(tag_model, left)} left without a bit: every one is "
                            "taken, so the finder cannot filter by them"
                        )
                    )
            corrected = summaries.rebuild()
            snapshot.bump()  # bulk_update sends no signal
        self.stdout.write(self.style.SUCCESS(f"Corrected the tag summaries of {corrected:,}."))


def tags(model, count) -> str:
    meta = model._meta
    return f"{count:,} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"
