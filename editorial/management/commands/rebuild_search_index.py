from django.core.management.base import BaseCommand

from editorial.search import index


class Command(BaseCommand):
    help = (
        "Write site search's entries again from the published content: after writes that "
        "send no signal (bulk_create, queryset.update(), raw SQL) or a change to what is "
        "indexed."
    )

    def handle(self, *args, **options):
        def progress(kind, written):
            self.stdout.write(f"  {kind.plural}: {written:,}".ljust(40), ending="\r")
            self.stdout.flush()

        counts = index.rebuild(progress=progress)
        self.stdout.write("")  # below the progress line
        summary = ", ".join(f"{number:,} {label.lower()}" for label, number in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"rebuild_search_index: {sum(counts.values()):,} entries ({summary})"
            )
        )
