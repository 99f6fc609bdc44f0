from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from casestudies.models import CaseStudy
from content.loader import Loader
from editorial.publishing import Status
from professions.models import Profession

pytestmark = pytest.mark.django_db

CONTENT_APPS = [
    "editorial",
    "content",
    "pages",
    "professions",
    "casestudies",
    "careers",
    "checklist",
]


def snapshot():
    """Every row of every content table, with its many-to-many links."""
    rows = {}
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            values = []
            for obj in model.objects.order_by("pk"):
                row = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
                for m2m in model._meta.many_to_many:
                    row[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
                values.append(row)
            rows[model._meta.label] = values
    return rows


def test_loading_twice_changes_nothing():
    # The session fixture has loaded once already; load again through the command.
    before = snapshot()
    call_command("load_toolkit", stdout=StringIO())
    assert snapshot() == before


def test_second_run_reports_everything_unchanged():
    counts = Loader().load()
    assert set(counts) == {"unchanged"}
    assert counts["unchanged"] > 100


def test_an_editors_change_is_kept():
    profession = Profession.objects.get(slug="dietitians")
    profession.summary = "Edited by an editor."
    profession.save()
    counts = Loader().load()
    profession.refresh_from_db()
    assert profession.summary == "Edited by an editor."
    assert counts["kept (changed by an editor)"] == 1


def test_an_unpublished_item_stays_unpublished():
    study = CaseStudy.objects.get(source_url="https://link.hee.nhs.uk/mental-health-art")
    study.status = Status.DRAFT
    study.save()
    Loader().load()
    study.refresh_from_db()
    assert study.status == Status.DRAFT


def test_a_changed_relation_is_an_editors_change():
    study = CaseStudy.objects.get(source_url="https://link.hee.nhs.uk/mental-health-art")
    study.outcomes.clear()
    Loader().load()
    assert study.outcomes.count() == 0


def test_force_restores_the_toolkit_text():
    profession = Profession.objects.get(slug="dietitians")
    original = profession.summary
    profession.summary = "Edited by an editor."
    profession.save()
    Loader(force=True).load()
    profession.refresh_from_db()
    assert profession.summary == original


def test_a_deleted_item_is_not_recreated_unless_forced():
    CaseStudy.objects.get(source_url="https://link.hee.nhs.uk/mental-health-art").delete()
    Loader().load()
    assert not CaseStudy.objects.filter(
        source_url="https://link.hee.nhs.uk/mental-health-art"
    ).exists()
    call_command("load_toolkit", "--force", stdout=StringIO())
    assert CaseStudy.objects.filter(source_url="https://link.hee.nhs.uk/mental-health-art").exists()


def test_the_command_reports_progress_and_a_summary(capsys):
    call_command("load_toolkit")
    out = capsys.readouterr().out
    assert "professions: 14 items" in out
    assert out.strip().splitlines()[-1].startswith("load_toolkit: ")


def test_an_invalid_content_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("professions: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid"):
        call_command("load_toolkit", "--file", str(bad))
    with pytest.raises(CommandError, match="No content file"):
        call_command("load_toolkit", "--file", str(tmp_path / "missing.yaml"))


def test_a_field_added_since_the_last_load_is_filled_in():
    """An object loaded before the model had a field (say ``entry_routes``) still matches the
    digest it was loaded with once that field is left out: the loader fills the field in
    rather than taking it for an editor's change."""
    from content.items import digest
    from content.models import LoadedItem

    loader = Loader()
    profession = Profession.objects.get(slug="dietitians")
    record = LoadedItem.objects.get(key="profession:dietitians")
    Profession.objects.filter(pk=profession.pk).update(entry_routes="")
    state = {
        "name": profession.name,
        "summary": profession.summary,
        "description": profession.description,
        "regulator": profession.regulator,
        "is_core": profession.is_core,
        "learning_disability_offer": profession.learning_disability_offer,
        "order": profession.order,
        "status": profession.status,
    }
    record.digest = digest(state)  # as a load before the field existed recorded it
    record.save()
    counts = loader.load()
    assert counts["kept (changed by an editor)"] == 0
    assert "learning-disability.hee.nhs.uk" in Profession.objects.get(pk=profession.pk).entry_routes

    # an editor's change to a field the record knew is still kept
    Profession.objects.filter(pk=profession.pk).update(summary="Edited", entry_routes="")
    record.refresh_from_db()
    record.digest = digest(state)
    record.save()
    assert Loader().load()["kept (changed by an editor)"] == 1
    assert Profession.objects.get(pk=profession.pk).summary == "Edited"
