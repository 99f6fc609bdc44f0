"""One way for tests to make users, with or without a role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import roles

PASSWORD = "correct-horse-battery-staple"
ROLES = {"editor": roles.EDITOR, "publisher": roles.PUBLISHER}


def ensure_roles():
    roles.sync()


def make_user(*, role=None, username=None, password=PASSWORD, **extra):
    """A staff user in ``role`` ("editor" or "publisher"), or without one."""
    extra.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(
        username or (role or "someone"), password=password, **extra
    )
    if role is not None:
        if not Group.objects.filter(name=ROLES[role]).exists():
            ensure_roles()
        user.groups.add(Group.objects.get(name=ROLES[role]))
    return user
