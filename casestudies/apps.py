from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from casestudies import search, tagsummary

        search.register_kinds()
        tagsummary.connect()
