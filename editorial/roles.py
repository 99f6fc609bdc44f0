"""The two editor roles, made from the code: every content model (a subclass of
``Publishable``) is edited by content editors and published by publishers; a model marked
``Part`` (a story's answers) is edited with its item; a ``Vocabulary`` (tags, settings)
changes what the public sees at once, so only publishers change it. Superusers manage users
and roles; no group may.

``sync()`` runs after every ``migrate`` (and every test database flush), so a new content
model gets its permissions without a migration, and running it twice changes nothing."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from editorial.publishing import Part, Publishable, Vocabulary

EDITOR = "Content editor"
PUBLISHER = "Publisher"

EDIT = ("add", "change", "view")
ALL = ("add", "change", "view", "delete")


def _concrete(base):
    return [m for m in apps.get_models() if issubclass(m, base) and not m._meta.proxy]


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """Group name to its (app label, codename) permissions."""
    roles = {EDITOR: set(), PUBLISHER: set()}

    def grant(role, model, actions):
        opts = model._meta
        roles[role].update((opts.app_label, f"{action}_{opts.model_name}") for action in actions)

    for model in _concrete(Publishable):
        grant(EDITOR, model, EDIT)
        grant(PUBLISHER, model, (*ALL, "publish"))
    for model in _concrete(Part):
        grant(EDITOR, model, ALL)
        grant(PUBLISHER, model, ALL)
    for model in _concrete(Vocabulary):
        grant(EDITOR, model, ("view",))
        grant(PUBLISHER, model, ALL)
    # The engine's own lists: drafts waiting for a publisher, and broken links.
    for label in ("editorial.draft", "editorial.linkcheck"):
        model = apps.get_model(label)
        grant(EDITOR, model, ("view",))
        grant(PUBLISHER, model, ("view",))
    return roles


def sync(using=DEFAULT_DB_ALIAS) -> None:
    from django.contrib.auth.models import Group, Permission

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for name, wanted in role_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        ids = [
            pk
            for pk, app_label, codename in Permission.objects.using(using).values_list(
                "pk", "content_type__app_label", "codename"
            )
            if (app_label, codename) in wanted
        ]
        group.permissions.set(ids)


def sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    sync(using=using)


def can_publish(user, model) -> bool:
    """Whether ``user`` may make changes to ``model`` that the public sees: publish,
    unpublish, change or delete published items, restore a published version, change a
    vocabulary."""
    opts = model._meta
    if issubclass(model, Vocabulary):
        return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
