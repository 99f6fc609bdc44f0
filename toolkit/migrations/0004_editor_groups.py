"""The two editor roles. Superusers manage users and roles; no group may."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ["toolkit", "professions", "casestudies", "careers", "checklist"]
# Content that is not published content: vocabularies and parts of other items.
SUPPORTING = {
    ("professions", "setting"),
    ("casestudies", "outcometag"),
    ("careers", "storyanswer"),
}
PUBLISHABLE = {
    ("toolkit", "page"),
    ("toolkit", "keyfact"),
    ("professions", "profession"),
    ("professions", "workforcefigure"),
    ("professions", "quote"),
    ("casestudies", "casestudy"),
    ("careers", "careerstory"),
    ("careers", "pathway"),
    ("careers", "resource"),
    ("checklist", "action"),
}
EDITOR = "Content editor"
PUBLISHER = "Publisher"


def role_permissions():
    """(group, app_label, codename) for every permission each role has."""
    for app_label, model in sorted(PUBLISHABLE | SUPPORTING):
        for action in ("add", "change", "view"):
            yield EDITOR, app_label, f"{action}_{model}"
            yield PUBLISHER, app_label, f"{action}_{model}"
        yield PUBLISHER, app_label, f"delete_{model}"
        if (app_label, model) in SUPPORTING:
            # Removing a question and answer from a story is part of editing a draft.
            if model == "storyanswer":
                yield EDITOR, app_label, f"delete_{model}"
        else:
            yield PUBLISHER, app_label, f"publish_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in (EDITOR, PUBLISHER):
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for role, app_label, codename in role_permissions()
            if role == name
        ]
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, PUBLISHER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("toolkit", "0003_alter_keyfact_options_alter_page_options"),
        ("professions", "0003_alter_profession_options_alter_quote_options_and_more"),
        ("casestudies", "0004_alter_casestudy_options"),
        ("careers", "0003_alter_careerstory_options_alter_pathway_options_and_more"),
        ("checklist", "0005_alter_action_options"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
