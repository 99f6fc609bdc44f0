"""Load the toolkit's content from toolkit.yaml into the database.

Idempotent: each object the loader writes is recorded (``LoadedItem``) with a digest of the
values it wrote. On a later run an object is updated only if it still matches that digest,
so an editor's change is never overwritten unless ``force`` is set, and an object already
matching the data file is not touched at all (its ``updated_at`` stays as it was).
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import reversion
import yaml
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.text import slugify

from content.models import LoadedItem
from editorial.publishing import Status
from editorial.richtext import markdown_to_html
from editorial.search import index as search_index

DEFAULT_FILE = Path(__file__).with_name("toolkit.yaml")
REVISION_COMMENT = "Loaded from the toolkit content file"


def digest(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Item:
    """One object as the data file describes it."""

    key: str
    model: str
    lookup: dict
    values: dict
    m2m: dict = field(default_factory=dict)  # field name -> list of related objects
    children: list | None = None  # StoryAnswer rows: dicts of question, answer, order


class ContentError(Exception):
    """The data file refers to something it does not define."""


class Loader:
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
            current = digest(self.state_of(obj, item))
            if record is not None and current != record.digest and not self.force:
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
        # One revision per item, so that restoring one item never rolls back the others.
        with reversion.create_revision():
            reversion.set_comment(REVISION_COMMENT)
            obj.save()
            for name, related in item.m2m.items():
                getattr(obj, name).set(related)
            if item.children is not None:
                obj.answers.all().delete()
                obj.answers.bulk_create(
                    [obj.answers.model(story=obj, **row) for row in item.children]
                )
            if reversion.is_registered(model):
                # Again, now with the relations and the children as they were written.
                reversion.add_to_revision(obj)
        # Store what the database now holds (rich text is sanitised on save).
        stored = digest(self.state_of(model.objects.get(pk=obj.pk), item))
        self.remember(record, item.key, content_type, obj, stored)
        return obj

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
                ("career_stories", self.load_career_stories),
                ("pathways", self.load_pathways),
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

    def load_settings(self, data):
        for order, entry in enumerate(data["settings"], start=1):
            slug = slugify(entry["name"])
            self.sync(
                Item(
                    key=f"setting:{slug}",
                    model="professions.Setting",
                    lookup={"slug": slug},
                    values={"name": entry["name"], "order": order},
                )
            )

    def load_professions(self, data):
        for entry in data["professions"]:
            slug = slugify(entry["name"])
            self.sync(
                Item(
                    key=f"profession:{slug}",
                    model="professions.Profession",
                    lookup={"slug": slug},
                    values={
                        "name": entry["name"],
                        "summary": entry["summary"].strip(),
                        "description": markdown_to_html(entry["description"]),
                        "regulator": entry["regulator"],
                        "is_core": entry["is_core"],
                        "learning_disability_offer": markdown_to_html(
                            entry.get("learning_disability_offer") or ""
                        ),
                        "order": entry["order"],
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_workforce(self, data):
        rows = list(data["workforce_figures"])
        for order, entry in enumerate(rows, start=1):
            self.sync(
                Item(
                    key=f"workforce:{slugify(entry['label'])}",
                    model="professions.WorkforceFigure",
                    lookup={"label": entry["label"], "is_total": False},
                    values={
                        "label": entry["label"],
                        "count": entry["count"],
                        "source": entry["source"],
                        "as_of": str(entry["as_of"]),
                        "order": order,
                        "is_total": False,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry["professions"]
                        )
                    },
                )
            )
        total = data["workforce_total"]
        self.sync(
            Item(
                key="workforce:total",
                model="professions.WorkforceFigure",
                lookup={"is_total": True},
                values={
                    "label": "Total",
                    "count": total["count"],
                    "source": total["source_line"],
                    "as_of": "",
                    "order": len(rows) + 1,
                    "is_total": True,
                    "status": Status.PUBLISHED,
                },
            )
        )

    def load_quotes(self, data):
        for order, entry in enumerate(data["quotes"], start=1):
            text = entry["text"].strip()
            profession = None
            if entry.get("profession"):
                (profession,) = self.objects_by_slug(
                    "professions.Profession", [entry["profession"]]
                )
            self.sync(
                Item(
                    key=f"quote:{slugify(entry['person'])}:{digest({'t': text})[:12]}",
                    model="professions.Quote",
                    lookup={"person": entry["person"], "text": text},
                    values={
                        "text": text,
                        "person": entry["person"],
                        "role": entry.get("role") or "",
                        "profession": profession,
                        "section": entry.get("section") or "",
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_outcomes(self, data):
        for order, entry in enumerate(data["outcomes"], start=1):
            slug = slugify(entry["name"])
            self.sync(
                Item(
                    key=f"outcome:{slug}",
                    model="casestudies.OutcomeTag",
                    lookup={"slug": slug},
                    values={
                        "name": entry["name"],
                        "description": entry.get("description") or "",
                        "order": order,
                    },
                )
            )

    def outcome_slugs(self, data, printed_names):
        by_name = {}
        for entry in data["outcomes"]:
            for name in [entry["name"], *(entry.get("aliases") or [])]:
                by_name[name.strip().lower()] = slugify(entry["name"])
        missing = [n for n in printed_names if n.strip().lower() not in by_name]
        if missing:
            raise ContentError(f"unknown outcome tags: {', '.join(missing)}")
        return list(dict.fromkeys(by_name[n.strip().lower()] for n in printed_names))

    def load_case_studies(self, data):
        for order, entry in enumerate(data["case_studies"], start=1):
            slug = slugify(entry["title"])[:255]
            outcomes = self.outcome_slugs(data, entry.get("outcomes_as_printed") or [])
            self.sync(
                Item(
                    key=f"case-study:{slug}",
                    model="casestudies.CaseStudy",
                    lookup={"slug": slug},
                    values={
                        "title": entry["title"],
                        "summary": markdown_to_html(entry.get("summary") or ""),
                        "source_url": entry["source_url"],
                        "publisher": entry.get("publisher") or "",
                        "kind": entry["kind"],
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry.get("professions") or []
                        ),
                        "outcomes": self.objects_by_slug("casestudies.OutcomeTag", outcomes),
                        "settings": self.objects_by_slug(
                            "professions.Setting", entry.get("settings") or []
                        ),
                    },
                )
            )

    def load_career_stories(self, data):
        for order, entry in enumerate(data["career_stories"], start=1):
            slug = slugify(entry["name"])
            (profession,) = self.objects_by_slug("professions.Profession", [entry["profession"]])
            self.sync(
                Item(
                    key=f"career-story:{slug}",
                    model="careers.CareerStory",
                    lookup={"slug": slug},
                    values={
                        "name": entry["name"],
                        "job_title": entry["job_title"],
                        "organisation": entry.get("organisation") or "",
                        "profession": profession,
                        "summary": (entry.get("summary") or "").strip(),
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "settings": self.objects_by_slug(
                            "professions.Setting", entry.get("settings") or []
                        )
                    },
                    children=[
                        {
                            "order": number,
                            "question": qa["question"].strip(),
                            "answer": markdown_to_html(qa["answer"]),
                        }
                        for number, qa in enumerate(entry["questions"], start=1)
                    ],
                )
            )

    def load_pathways(self, data):
        for order, entry in enumerate(data["pathways"], start=1):
            slug = slugify(entry["title"])
            self.sync(
                Item(
                    key=f"pathway:{slug}",
                    model="careers.Pathway",
                    lookup={"slug": slug},
                    values={
                        "title": entry["title"],
                        "kind": entry["kind"],
                        "summary": (entry.get("summary") or "").strip(),
                        "body": markdown_to_html(entry.get("body") or ""),
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_resources(self, data):
        for order, entry in enumerate(data["resources"], start=1):
            self.sync(
                Item(
                    key=f"resource:{slugify(entry['title'])[:200]}",
                    model="careers.Resource",
                    lookup={"title": entry["title"]},
                    values={
                        "title": entry["title"],
                        "url": entry["url"],
                        "description": (entry.get("description") or "").strip(),
                        "category": entry["category"],
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry.get("professions") or []
                        )
                    },
                )
            )

    def load_pages(self, data):
        for entry in data["pages"]:
            slug = entry.get("slug") or slugify(entry["title"])
            self.sync(
                Item(
                    key=f"page:{slug}",
                    model="pages.Page",
                    lookup={"slug": slug},
                    values={
                        "title": entry["title"],
                        "summary": (entry.get("summary") or "").strip(),
                        "body": markdown_to_html(entry.get("body") or ""),
                        "order": entry["order"],
                        "show_in_navigation": bool(entry.get("show_in_navigation")),
                        "status": Status.PUBLISHED,
                    },
                )
            )

    def load_checklist(self, data):
        for number, entry in enumerate(data["checklist_actions"], start=1):
            outcomes = self.outcome_slugs(data, entry.get("outcomes") or [])
            self.sync(
                Item(
                    key=f"checklist-action:{number}",
                    model="checklist.Action",
                    lookup={"number": number},
                    values={
                        "title": entry["title"].strip(),
                        "guidance": markdown_to_html(entry.get("guidance") or ""),
                        "status": Status.PUBLISHED,
                    },
                    m2m={
                        "professions": self.objects_by_slug(
                            "professions.Profession", entry.get("professions") or []
                        ),
                        "outcomes": self.objects_by_slug("casestudies.OutcomeTag", outcomes),
                        "pages": self.objects_by_slug("pages.Page", entry.get("pages") or []),
                    },
                )
            )

    def load_key_facts(self, data):
        for order, entry in enumerate(data["key_facts"], start=1):
            self.sync(
                Item(
                    key=f"key-fact:{slugify(entry['figure'] + ' ' + entry['label'])[:250]}",
                    model="pages.KeyFact",
                    lookup={"figure": str(entry["figure"]), "label": entry["label"]},
                    values={
                        "figure": str(entry["figure"]),
                        "label": entry["label"],
                        "source": entry["source"],
                        "order": order,
                        "status": Status.PUBLISHED,
                    },
                )
            )
