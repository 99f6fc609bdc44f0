"""Site-wide search over published content: one interface, a backend per database.

``search()`` runs at most three queries whatever the amount of content: the matching entries
in rank order (ids only), which of them each model's ``published()`` still shows (one UNION
of a semi-join per type), and the titles and excerpts of the page of results shown.
"""

from dataclasses import dataclass, field
from math import ceil

from django.db import connection
from django.db.models import Value
from django.utils.safestring import SafeString

from editorial.search import postgres, sqlite
from editorial.search.kinds import Kind, all_kinds, by_label, by_slug
from editorial.search.text import CONTROL, highlight

MAX_QUERY_CHARS = 200
PAGE_SIZE = 20


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    kind: Kind
    excerpt: SafeString


@dataclass
class Results:
    query: str
    kind: Kind | None = None  # the type chosen, or None for every type
    counts: list[tuple[Kind, int]] = field(default_factory=list)  # types with a match
    results: list[Result] = field(default_factory=list)  # this page
    page: int = 1
    pages: int = 1
    page_size: int = PAGE_SIZE

    @property
    def total(self) -> int:
        """Matches of every type."""
        return sum(count for _, count in self.counts)

    @property
    def count(self) -> int:
        """Matches of the chosen type (every type when none is chosen)."""
        if self.kind is None:
            return self.total
        return next((count for kind, count in self.counts if kind == self.kind), 0)


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def clean(text: str) -> str:
    """At most MAX_QUERY_CHARS, control characters (NUL among them) as spaces."""
    return " ".join(CONTROL.sub(" ", text[:MAX_QUERY_CHARS]).split())


def kind_for(slug: str | None) -> Kind | None:
    return by_slug(slug or "")


def search(text: str, *, kind: Kind | None = None, page: int = 1) -> Results:
    text = clean(text)
    results = Results(query=text, kind=kind)
    engine = backend()
    candidates = engine.ranked(text) if text else []
    if not candidates:
        return results
    shown = published_keys(engine, text, {label for label, _, _ in candidates})
    ranked = [row for row in candidates if (row[0], row[1]) in shown]
    per_kind = {k.label: 0 for k in all_kinds()}
    for label, _, _ in ranked:
        per_kind[label] += 1
    results.counts = [(k, per_kind[k.label]) for k in all_kinds() if per_kind[k.label]]
    if kind is not None:
        ranked = [row for row in ranked if row[0] == kind.label]
    results.pages = max(1, ceil(len(ranked) / PAGE_SIZE))
    results.page = min(max(page, 1), results.pages)
    rows = ranked[(results.page - 1) * PAGE_SIZE : results.page * PAGE_SIZE]
    found = engine.excerpts(text, [entry_id for _, _, entry_id in rows])
    results.results = [
        Result(title, url, by_label(label), highlight(excerpt or ""))
        for label, _, entry_id in rows
        if entry_id in found
        for title, url, excerpt in [found[entry_id]]
    ]
    return results


def published_keys(engine, text, labels) -> set[tuple[str, int]]:
    """The (kind, pk) pairs among the matches that ``published()`` shows today, in one
    query: a future publication date, an unpublished item or an entry left stale by a write
    that sent no signal is never shown."""
    parts = [
        kind.model.objects.published()
        .filter(pk__in=engine.object_ids(text, kind))
        .order_by()
        .annotate(search_kind=Value(kind.label))
        .values_list("search_kind", "pk")
        for kind in all_kinds()
        if kind.label in labels
    ]
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return set(query)
