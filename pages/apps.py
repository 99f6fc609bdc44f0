from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Toolkit sections"

    def ready(self):
        from pages import search

        search.register_kinds()
