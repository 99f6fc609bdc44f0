from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from casestudies import search
        from casestudies.finder import snapshot, summaries

        search.register_kinds()
        summaries.connect()
        snapshot.connect()
