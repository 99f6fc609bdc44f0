from django.contrib.admin.apps import AdminConfig


class ToolkitAdminConfig(AdminConfig):
    """The admin, with the toolkit's own site (a "Needs review" panel on its home page)."""

    default_site = "toolkit.admin_site.ToolkitAdminSite"
