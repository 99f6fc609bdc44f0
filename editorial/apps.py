from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    default = True
    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from editorial import contentversion, roles

        contentversion.connect()

        # Sent once per app after all migrations have run: once is enough, as the sync makes
        # every app's content types and permissions itself.
        post_migrate.connect(roles.sync_after_migrate, sender=self, dispatch_uid="editorial-roles")


class EditorialAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the engine's site (a "Needs review" panel on its home page):
    listed in INSTALLED_APPS in place of ``django.contrib.admin``."""

    default = False
    default_site = "editorial.sites.EditorialAdminSite"
