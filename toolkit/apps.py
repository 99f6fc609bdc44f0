from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = "Toolkit"

    def ready(self):
        from toolkit.search import index

        index.connect()
