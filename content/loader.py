"""Load the toolkit's content from toolkit.yaml into the database.

Idempotent: each object the loader writes is recorded (``LoadedItem``) with a digest of the
values it wrote. On a later run an object is updated only if it still matches that digest,
so an editor's change is never overwritten unless ``force`` is set, and an object already
matching the data file is not touched at all (its ``updated_at`` stays as it was).
"""

from collections import Counter
from itertools import combinations
from pathlib import Path

import yaml
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from content.items import ContentError, Item, digest
from content.models import LoadedItem
from content.sections import Sections
from editorial.actions import saving
from editorial.actions.common import SYSTEM
from editorial.search import index as search_index

DEFAULT_FILE = Path(__file__).with_name("toolkit.yaml")
REVISION_COMMENT = "Loaded from the toolkit content file"


class Loader(Sections):
    def __init__(self, *, force: bool = False, progress=None):
        self.force = force
        self.progress = progress or (lambda message: None)
        self.counts = Counter()

    # -- canonical state ----------------------------------------------------------------

    @staticmethod
    def plain(value):
        return value.pk if isinstance(value, models.Model) else value

    @classmethod
    def state_of(cls, obj, item: Item) -> dict:
        state = {name: cls.plain(getattr(obj, name)) for name in item.values}
        for name in item.m2m:
            state[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
        if item.children is not None:
            state["answers"] = [
                {"order": a.order, "question": a.question, "answer": a.answer}
                for a in obj.answers.order_by("order", "pk")
            ]
        return state

    @classmethod
    def desired_state(cls, item: Item) -> dict:
        state = {name: cls.plain(value) for name, value in item.values.items()}
        for name, related in item.m2m.items():
            state[name] = sorted(obj.pk for obj in related)
        if item.children is not None:
            state["answers"] = item.children
        return state

    # -- writing --------------------------------------------------------------------------

    def sync(self, item: Item):
        model = apps.get_model(item.model)
        content_type = ContentType.objects.get_for_model(model)
        record = LoadedItem.objects.filter(key=item.key).first()
        obj = None
        if record is not None:
            obj = model.objects.filter(pk=record.object_id).first()
            if obj is None and not self.force:
                self.counts["kept (deleted by an editor)"] += 1
                return None
        if obj is None:
            obj = model.objects.filter(**item.lookup).first()
            if obj is not None and record is None and not self.force:
                self.counts["kept (created by an editor)"] += 1
                return obj

        desired = self.desired_state(item)
        wanted = digest(desired)
        if obj is not None:
            state = self.state_of(obj, item)
            current = digest(state)
            if (
                record is not None
                and current != record.digest
                and not self.force
                and not self.only_new_fields(obj, state, record.digest)
            ):
                self.counts["kept (changed by an editor)"] += 1
                return obj
            if current == wanted:
                self.counts["unchanged"] += 1
                self.remember(record, item.key, content_type, obj, wanted)
                return obj
            self.counts["updated"] += 1
        else:
            obj = model(**item.lookup)
            self.counts["created"] += 1

        for name, value in item.values.items():
            setattr(obj, name, value)
        obj.full_clean(exclude=["published_at"], validate_unique=False)
        saving.save(
            user=SYSTEM,
            obj=obj,
            comment=REVISION_COMMENT,
            related=lambda saved: self.write_related(saved, item),
        )
        # Store what the database now holds (rich text is sanitised on save).
        stored = digest(self.state_of(model.objects.get(pk=obj.pk), item))
        self.remember(record, item.key, content_type, obj, stored)
        return obj

    @staticmethod
    def only_new_fields(obj, state: dict, recorded: str) -> bool:
        """Whether the object is as last loaded but for fields the data file did not set then
        (added to the model since) and still empty or at their default: not an editor's
        change. Which fields are new is not recorded, so each set of such fields is tried."""

        def untouched(name, value):
            if value in ("", None, []):
                return True
            field = obj._meta.get_field(name)
            return field.concrete and field.has_default() and value == field.get_default()

        candidates = [n for n, v in state.items() if n != "answers" and untouched(n, v)]
        for size in range(1, min(len(candidates), 6) + 1):
            for left_out in combinations(candidates, size):
                kept = {k: v for k, v in state.items() if k not in left_out}
                if digest(kept) == recorded:
                    return True
        return False

    @staticmethod
    def write_related(obj, item: Item):
        for name, related in item.m2m.items():
            getattr(obj, name).set(related)
        if item.children is not None:
            obj.answers.all().delete()
            obj.answers.bulk_create([obj.answers.model(story=obj, **row) for row in item.children])

    @staticmethod
    def remember(record, key, content_type, obj, value):
        if record is None:
            LoadedItem.objects.create(
                key=key, content_type=content_type, object_id=obj.pk, digest=value
            )
        elif record.digest != value or record.object_id != obj.pk:
            record.object_id = obj.pk
            record.digest = value
            record.save()

    # -- the data file --------------------------------------------------------------------

    def load(self, path: Path = DEFAULT_FILE) -> Counter:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        with transaction.atomic():
            for section, method in [
                ("settings", self.load_settings),
                ("professions", self.load_professions),
                ("workforce_figures", self.load_workforce),
                ("quotes", self.load_quotes),
                ("outcomes", self.load_outcomes),
                ("case_studies", self.load_case_studies),
                ("pathways", self.load_pathways),
                ("career_stories", self.load_career_stories),
                ("resources", self.load_resources),
                ("pages", self.load_pages),
                ("checklist_actions", self.load_checklist),
                ("key_facts", self.load_key_facts),
            ]:
                before = sum(self.counts.values())
                method(data)
                self.progress(f"{section}: {sum(self.counts.values()) - before} items")
            # Saves keep search entries in step, but not a career story's answers (written
            # with bulk_create) nor content loaded before the search index existed.
            search_index.rebuild()
        return self.counts

    def objects_by_slug(self, model_label, slugs, *, field_name="slug"):
        model = apps.get_model(model_label)
        found = {
            getattr(o, field_name): o for o in model.objects.filter(**{f"{field_name}__in": slugs})
        }
        missing = [s for s in slugs if s not in found]
        if missing:
            raise ContentError(f"{model_label}: unknown {field_name} {', '.join(missing)}")
        return [found[s] for s in slugs]
