"""Moving models out of the toolkit app (which had models until December 2026) into the apps
that now own them, keeping their rows, history, drafts and permissions: the tables kept
their names (``db_table``), so what changes is the content type's app label and the places
that store a model's label as text. Used by the ``0002_from_toolkit`` migrations; the loader
skips modules whose names start with an underscore."""

import json

OLD_APP = "toolkit"


def move(apps, new_app: str, models: list[str]) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        old = ContentType.objects.filter(app_label=OLD_APP, model=model).first()
        if old is None or ContentType.objects.filter(app_label=new_app, model=model).exists():
            continue  # a new database, or moved already
        # Permissions, admin log entries, drafts, loader records and versions point at this
        # row, so renaming it moves them all.
        old.app_label = new_app
        old.save(update_fields=["app_label"])
        _relabel_versions(apps, old, f"{OLD_APP}.{model}", f"{new_app}.{model}")
        _relabel_text(apps, f"{OLD_APP}.{model}", f"{new_app}.{model}")


def _relabel_versions(apps, content_type, old_label, new_label):
    """django-reversion stores each version as serialised JSON naming its model."""
    try:
        Version = apps.get_model("reversion", "Version")
    except LookupError:
        return
    for version in Version.objects.filter(content_type=content_type).iterator():
        data = json.loads(version.serialized_data)
        for entry in data:
            if entry.get("model") == old_label:
                entry["model"] = new_label
        version.serialized_data = json.dumps(data)
        version.save(update_fields=["serialized_data"])


def _relabel_text(apps, old_label, new_label):
    """Search entries name their model in ``kind``, link checks in ``used_by``."""
    SearchEntry = apps.get_model("editorial", "SearchEntry")
    SearchEntry.objects.filter(kind=old_label).update(kind=new_label)
    LinkCheck = apps.get_model("editorial", "LinkCheck")
    for check in LinkCheck.objects.iterator():
        uses = check.used_by or []
        if any(isinstance(use, dict) and use.get("model") == old_label for use in uses):
            for use in uses:
                if isinstance(use, dict) and use.get("model") == old_label:
                    use["model"] = new_label
            check.save(update_fields=["used_by"])
