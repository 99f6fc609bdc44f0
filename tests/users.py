"""The one way tests make a user: ``make_user(role="editor")``, with the roles' groups in place.

After djangoproject.com's ``checklists/tests/factory.py``: a plain function, not a fixture, so a
test, a fixture or a helper module can all call it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial import roles

PASSWORD = "a-long-passphrase"
ROLES = {"editor": roles.EDITOR, "publisher": roles.PUBLISHER}
# The username a role's user gets unless a test names one (tests sign in with it).
USERNAMES = {"editor": "content-editor", "publisher": "publisher"}


def ensure_roles():
    """Make sure the role groups exist with their permissions: a browser test's database is
    emptied after each test, groups too (the sync after a flush makes them again; this is for
    a test that removed them)."""
    if Group.objects.filter(name__in=ROLES.values()).count() < len(ROLES):
        roles.sync()


def make_user(*, role=None, username=None, password=PASSWORD, superuser=False, **extra):
    """A staff user, in the group of ``role`` ("editor" or "publisher") when given, or a
    superuser. ``extra`` goes to the user model (``email``, ``is_staff``...)."""
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown role {role!r}: one of {sorted(ROLES)}")
    if username is None:
        if role is None:
            raise TypeError("a user without a role needs a username")
        username = USERNAMES[role]
    users = get_user_model().objects
    if superuser:
        user = users.create_superuser(username, password=password, **extra)
    else:
        user = users.create_user(username, password=password, **{"is_staff": True, **extra})
    if role is not None:
        ensure_roles()
        user.groups.add(Group.objects.get(name=ROLES[role]))
    return user
