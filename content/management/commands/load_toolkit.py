from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from content.loader import DEFAULT_FILE, ContentError, Loader


class Command(BaseCommand):
    help = (
        "Load the toolkit's content (professions, case studies, careers, checklist, pages). "
        "Safe to run again: it changes nothing that is already loaded, and never overwrites "
        "an editor's change unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="The data file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite content that editors have changed or deleted since it was loaded.",
        )

    def handle(self, *args, file, force, **options):
        if not file.exists():
            raise CommandError(f"No content file at {file}")
        loader = Loader(force=force, progress=lambda message: self.stdout.write(f"  {message}"))
        try:
            counts = loader.load(file)
        except (ContentError, KeyError, yaml.YAMLError) as error:
            raise CommandError(f"The content file is not valid: {error}") from error
        summary = ", ".join(f"{number} {label}" for label, number in sorted(counts.items()))
        self.stdout.write(
            self.style.SUCCESS(f"load_toolkit: {sum(counts.values())} items ({summary})")
        )
