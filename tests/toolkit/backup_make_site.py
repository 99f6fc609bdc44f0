"""Run in a subprocess on a migrated database holding the toolkit's content (``python -m
tests.toolkit.backup_make_site``): adds what a backup must keep besides the content, and prints
as JSON where to find it. Used by test_backup.py."""

import json

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from reversion.models import Version  # noqa: E402

from casestudies.models import CaseStudy  # noqa: E402
from checklist import services  # noqa: E402
from checklist.models import Action, ProgressStatus  # noqa: E402
from professions.models import Profession  # noqa: E402
from tests.forms import submitted  # noqa: E402
from tests.image_files import image_bytes, upload  # noqa: E402

setup_test_environment()  # response.context, for the admin form's fields

# An admin edit with an uploaded image: a new version in the profession's history.
admin = User.objects.create_superuser("backup-admin", "backup-admin@example.org", "x" * 16)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(admin)
profession = Profession.objects.published().order_by("order", "pk").first()
change = f"/admin/professions/profession/{profession.pk}/change/"
saved = client.post(
    change,
    submitted(
        client.get(change),
        summary="Restored from a backup, word for word.",
        image=upload("therapy-room.jpg", image_bytes((900, 600))),
        image_alt="A therapy room with two chairs",
    ),
)
assert saved.status_code == 302, saved.content.decode()[:2000]
assert Version.objects.get_for_object(profession).count() == 2
# The public page makes the image's renditions, which go into the media folder too.
assert client.get(f"/professions/{profession.slug}/").status_code == 200

# A checklist record with saved actions, saved twice: its history has two versions.
record = services.progress_record_create(client="127.0.0.1")
first, second = Action.objects.order_by("number")[:2]
services.progress_save(
    record=record,
    items=[
        services.ActionInput(
            action=first, base_version=0, status=ProgressStatus.IN_PROGRESS, owner="Priya Shah"
        ),
        services.ActionInput(
            action=second, base_version=0, status=ProgressStatus.COMPLETED, notes="Board agreed."
        ),
    ],
    details=services.DetailsInput(base_version=0, organisation="Northshire NHS Trust"),
)
services.progress_save(
    record=record,
    items=[
        services.ActionInput(
            action=first,
            base_version=1,
            status=ProgressStatus.IN_PROGRESS,
            owner="Priya Shah",
            notes="Job plans drafted; review in March.",
        )
    ],
)
record.refresh_from_db()

study = CaseStudy.objects.published().order_by("pk").first()
print(
    json.dumps(
        {
            "profession": profession.slug,
            "history": change.removesuffix("change/") + "history/",
            "case_study": study.slug,
            "edit": record.edit_token,
            "read": record.read_token,
            "actions": [first.number, second.number],
            "admin": admin.username,
        }
    )
)
