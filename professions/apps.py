from django.apps import AppConfig


class ProfessionsConfig(AppConfig):
    name = "professions"
    verbose_name = "Professions"

    def ready(self):
        from professions import search

        search.register_kinds()
