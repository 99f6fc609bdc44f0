from contextlib import contextmanager

import reversion
from django.contrib.auth import get_user_model


class System:
    """The actor for writes no person makes (``load_toolkit``): allowed everything, and
    named in the history by the revision's comment rather than a user."""

    is_authenticated = True
    is_active = True
    pk = None

    def has_perm(self, perm, obj=None) -> bool:
        return True

    def get_username(self) -> str:
        return "the content loader"


SYSTEM = System()


def is_person(user) -> bool:
    return isinstance(user, get_user_model())


@contextmanager
def revision(*, user, comment: str):
    """A revision by ``user`` (joined to the one already open, as in an admin save)."""
    with reversion.create_revision():
        if is_person(user):
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def may_change(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
