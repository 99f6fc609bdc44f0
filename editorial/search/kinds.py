"""What site search indexes: each content model registers a ``Kind`` (its title, text and
address) from its app's ``ready()``, as models register with the admin. The engine names no
model itself."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


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
    # Reverse relations whose rows are part of the item's text (a story's answers): saving
    # or deleting one rewrites the item's entry.
    parts: tuple[str, ...] = ()
    # Rank multiplier: a profession's own page is where a search for the profession should
    # land, above case studies that name it in their titles.
    boost: float = 1.0
    # Stable, 1 to 15: an entry's id is (object id << 4) | number, so that FTS5's rowids name
    # the item without a join (see editorial/search/sqlite.py). Changing one needs a rebuild.
    number: int = 0

    @property
    def model(self):
        return apps.get_model(self.label)


_registry: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Index ``kind``'s model from now on (call from an AppConfig's ``ready()``)."""
    from editorial.search import index

    if not 0 < kind.number < 1 << KIND_BITS:
        raise ValueError(f"{kind.label}: a kind's number must be from 1 to 15")
    clash = next((k for k in _registry.values() if k.number == kind.number), None)
    if clash is not None and clash.label != kind.label:
        raise ValueError(f"{kind.label} and {clash.label} have the same number")
    _registry[kind.label] = kind
    index.connect(kind)


def all_kinds() -> list[Kind]:
    """Every registered kind, in the order of their numbers (the order search shows them)."""
    return sorted(_registry.values(), key=lambda kind: kind.number)


def by_label(label: str) -> Kind | None:
    return _registry.get(label)


def by_slug(slug: str) -> Kind | None:
    return next((kind for kind in _registry.values() if kind.slug == slug), None)
