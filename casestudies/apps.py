from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from casestudies import search
        from casestudies.finder import bitindex, summaries

        search.register_kinds()
        summaries.connect()
        bitindex.connect()
