from django.apps import AppConfig


class ChecklistConfig(AppConfig):
    name = "checklist"
    verbose_name = "Checklist"

    def ready(self):
        from checklist import search

        search.register_kinds()
