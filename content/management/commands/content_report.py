from django.apps import apps
from django.core.management.base import BaseCommand

from editorial.publishing import Publishable
from editorial.warnings import content_warnings


class Command(BaseCommand):
    help = "List published content that needs an editor's attention (the admin's save warnings)."

    def handle(self, *args, **options):
        found = checked = 0
        for model in apps.get_models():
            if not issubclass(model, Publishable):
                continue
            for obj in model.objects.published():
                checked += 1
                for warning in content_warnings(obj):
                    found += 1
                    self.stdout.write(f"{model._meta.verbose_name}: {obj}: {warning}")
        self.stdout.write(f"content_report: {found} warning(s) in {checked} published item(s)")
