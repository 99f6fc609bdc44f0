"""Create synthetic, clearly marked case studies for benchmarks and load tests."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from casestudies.finder import snapshot, summaries
from casestudies.models import CaseStudy, OutcomeTag
from editorial.publishing import Status
from editorial.search import index as search_index
from editorial.search.kinds import by_label
from professions.models import Profession, Setting

PREFIX = "demo-"
BATCH = 1000
WORDS = [
    "recovery",
    "community",
    "wellbeing",
    "therapy",
    "group",
    "nutrition",
    "dysphagia",
    "mobility",
    "sensory",
    "communication",
    "inpatient",
    "outpatient",
    "resilience",
    "creative",
    "physical",
    "activity",
    "employment",
    "housing",
    "access",
    "crisis",
    "prevention",
    "autism",
    "learning",
    "psychosis",
    "dementia",
    "transition",
]


class Command(BaseCommand):
    help = (
        "Create N synthetic case studies (slug 'demo-…', publisher 'Demo content') spread over "
        "the real professions, outcome tags and settings. For benchmarks and load tests only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--case-studies", type=int, default=1000, metavar="N")
        parser.add_argument(
            "--seed", type=int, default=4, help="random seed (same seed, same data)"
        )
        parser.add_argument(
            "--delete", action="store_true", help="only delete the demo case studies"
        )

    def handle(self, *args, case_studies, seed, delete, **options):
        deleted, _ = CaseStudy.objects.filter(slug__startswith=PREFIX).delete()
        if delete:
            self.stdout.write(f"Deleted {deleted} demo objects.")
            return
        if case_studies < 1:
            raise CommandError("--case-studies must be at least 1.")
        professions = list(Profession.objects.values_list("pk", flat=True))
        outcomes = list(OutcomeTag.objects.values_list("pk", flat=True))
        settings = list(Setting.objects.values_list("pk", flat=True))
        if not (professions and outcomes and settings):
            raise CommandError("Load the toolkit's content first: manage.py load_toolkit")

        rng = random.Random(seed)
        kinds = [kind for kind, _ in CaseStudy.Kind.choices]
        now = timezone.now()
        through = {
            "professions": (CaseStudy.professions.through, "profession_id", professions, (1, 3)),
            "outcomes": (CaseStudy.outcomes.through, "outcometag_id", outcomes, (1, 5)),
            "settings": (CaseStudy.settings.through, "setting_id", settings, (1, 2)),
        }
        created = 0
        for start in range(0, case_studies, BATCH):
            size = min(BATCH, case_studies - start)
            with transaction.atomic():
                studies = CaseStudy.objects.bulk_create(
                    CaseStudy(
                        title=f"Demo case study {n}: {' '.join(rng.sample(WORDS, 4))}",
                        slug=f"{PREFIX}{n}",
                        summary=f"<p>Synthetic demo content about {' and '.join(rng.sample(WORDS, 6))}.</p>",
                        source_url=f"https://example.org/demo/{n}",
                        publisher="Demo content",
                        kind=rng.choice(kinds),
                        status=Status.PUBLISHED,
                        published_at=now - timezone.timedelta(minutes=n),
                        order=1000,
                    )
                    for n in range(start + 1, start + size + 1)
                )
                for model, column, keys, (low, high) in through.values():
                    model.objects.bulk_create(
                        model(casestudy_id=study.pk, **{column: key})
                        for study in studies
                        for key in rng.sample(keys, rng.randint(low, min(high, len(keys))))
                    )
                # bulk_create sends no m2m_changed: summarise the new tags in one pass.
                summaries.rebuild([study.pk for study in studies])
                # Nor post_save: index them for site search and the finder's words.
                search_index.index_objects(
                    by_label("casestudies.casestudy"),
                    CaseStudy.objects.filter(pk__in=[study.pk for study in studies]),
                )
            created += size
            self.stdout.write(f"  {created:,} / {case_studies:,}", ending="\r")
            self.stdout.flush()
        snapshot.bump()  # bulk_create sends no signal
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created:,} demo case studies (replacing {deleted:,} demo objects)."
            )
        )
