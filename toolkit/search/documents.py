"""What site search indexes of each published content type: a title, the text, an address.

The site apps are read through ``apps.get_model`` (toolkit imports no site app directly)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from toolkit.search.text import plain_text


@dataclass(frozen=True)
class Document:
    title: str
    body: str
    url: str


KIND_BITS = 4


def entry_id(number: int, object_id: int) -> int:
    return (object_id << KIND_BITS) | number


@dataclass(frozen=True)
class Kind:
    """One content type: its model, the ``type`` parameter naming it, how it is shown."""

    label: str  # the model's label, lower case, as stored in SearchEntry.kind
    slug: str
    singular: str
    plural: str
    document: Callable[[object], Document]
    related: tuple[str, ...] = ()  # prefetch_related when rebuilding
    # Rank multiplier: a profession's own page is where a search for the profession should
    # land, above case studies that name it in their titles.
    boost: float = 1.0
    # Stable, 1 to 15: an entry's id is (object id << 4) | number, so that FTS5's rowids name
    # the item without a join (see toolkit/search/sqlite.py). Changing one needs a rebuild.
    number: int = 0

    @property
    def model(self):
        return apps.get_model(self.label)


def page(obj):
    return Document(obj.title, plain_text(obj.summary, obj.body), obj.get_absolute_url())


def profession(obj):
    text = plain_text(obj.summary, obj.description, obj.learning_disability_offer)
    return Document(obj.name, text, obj.get_absolute_url())


def case_study(obj):
    return Document(obj.title, plain_text(obj.summary, obj.publisher), obj.get_absolute_url())


def career_story(obj):
    answers = [part for a in obj.answers.all() for part in (a.question, a.answer)]
    text = plain_text(obj.job_title, obj.organisation, obj.profession.name, obj.summary, *answers)
    return Document(obj.name, text, obj.get_absolute_url())


def resource(obj):
    return Document(obj.title, plain_text(obj.description), obj.url)


def action(obj):
    return Document(f"{obj.number}. {obj.title}", plain_text(obj.guidance), obj.get_absolute_url())


def key_fact(obj):
    return Document(f"{obj.figure} {obj.label}", plain_text(obj.source), reverse("home"))


KINDS = [
    Kind(
        "professions.profession",
        "professions",
        "Profession",
        "Professions",
        profession,
        boost=1.5,
        number=1,
    ),
    Kind("toolkit.page", "sections", "Toolkit section", "Toolkit sections", page, number=2),
    Kind(
        "checklist.action", "checklist", "Checklist action", "Checklist actions", action, number=3
    ),
    Kind(
        "casestudies.casestudy", "case-studies", "Case study", "Case studies", case_study, number=4
    ),
    Kind(
        "careers.careerstory",
        "career-stories",
        "Career story",
        "Career stories",
        career_story,
        related=("profession", "answers"),
        number=5,
    ),
    Kind("careers.resource", "resources", "Resource", "Resources", resource, number=6),
    Kind("toolkit.keyfact", "key-facts", "Key fact", "Key facts", key_fact, number=7),
]
BY_LABEL = {kind.label: kind for kind in KINDS}
BY_SLUG = {kind.slug: kind for kind in KINDS}
