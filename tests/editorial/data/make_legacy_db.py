"""How the two dumps beside this file were made, kept for the record: run in a checkout of
main at 577ef67 (the last commit with models in the toolkit app), after ``migrate`` and
``load_toolkit``, then dumped with ``sqlite3 … .dump`` and ``pg_dump --no-owner
--no-privileges``. It adds what the upgrade must keep: history, a draft, a link check, and
an editor and a publisher in their groups. It cannot run against today's code."""
# ruff: noqa: E402

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit.settings")
django.setup()

import reversion
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from toolkit.models import Draft, KeyFact, LinkCheck, Page  # type: ignore[import-not-found]
from toolkit.search import index  # type: ignore[import-not-found]

page = Page.objects.get(slug="introduction")
editor = User.objects.create_user("edith", password="legacy-pass-1")
editor.groups.add(Group.objects.get(name="Content editor"))
publisher = User.objects.create_user("percy", password="legacy-pass-2")
publisher.groups.add(Group.objects.get(name="Publisher"))
with reversion.create_revision():
    reversion.set_user(publisher)
    reversion.set_comment("First version, by hand.")
    page.save()
with reversion.create_revision():
    reversion.set_user(publisher)
    reversion.set_comment("Changed the summary.")
    page.summary = "Legacy summary, second version."
    page.save()
fact = KeyFact.objects.first()
with reversion.create_revision():
    reversion.set_user(publisher)
    fact.save()
Draft.objects.create(
    content_type=ContentType.objects.get_for_model(Page),
    object_id=page.pk,
    data={"title": ["Introduction (draft title)"], "summary": ["Drafted summary"]},
    fields=["title", "summary"],
    saved_by=editor,
)
LinkCheck.objects.create(
    url="https://www.hee.nhs.uk/legacy-check",
    broken=True,
    status_code=404,
    used_by=[{"model": "toolkit.page", "pk": page.pk, "label": page.title, "field": "body"}],
    checked_at=timezone.now(),
)
index.rebuild()
