"""The finder's FilterSet: the one place where the query string becomes a queryset.

Within a facet options combine with OR, across facets with AND; ``outcome_match=all`` makes
outcomes combine with AND. Facet values are slugs checked against a ``Vocabulary`` loaded once
per request (so the FilterSet itself runs no query), and many-to-many facets filter with a
semi-join (``id IN (SELECT casestudy_id ...)``), which never duplicates rows and needs no
DISTINCT.
"""

import re
from dataclasses import dataclass, field

import django_filters
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict

from casestudies.models import CaseStudy, OutcomeTag
from professions.models import Profession, Setting

# Words beyond these are ignored: a 10,000-character query costs no more than a short one.
MAX_QUERY_CHARS = 200
MAX_WORDS = 10
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Facet parameter -> (many-to-many field on CaseStudy, column of its through table).
M2M_FACETS = {
    "profession": ("professions", "profession_id"),
    "outcome": ("outcomes", "outcometag_id"),
    "setting": ("settings", "setting_id"),
}
FACETS = [*M2M_FACETS, "kind"]

SORTS = {
    "title": ("Title A to Z", ["title", "pk"]),
    "newest": ("Newest published", ["-published_at", "title", "pk"]),
    "outcomes": ("Most outcomes", ["-outcome_count", "title", "pk"]),
}
DEFAULT_SORT = "title"


def through(facet):
    return getattr(CaseStudy, M2M_FACETS[facet][0]).through


@dataclass(frozen=True)
class Term:
    """One option of a facet: a profession, an outcome tag, a setting or a kind."""

    key: int | str  # the database value: a primary key, or the kind's value
    slug: str
    name: str


@dataclass
class Vocabulary:
    """The options of every facet, by facet parameter, in display order."""

    terms: dict[str, list[Term]] = field(default_factory=dict)

    @classmethod
    def load(cls):
        """Three queries: published professions, outcome tags, settings."""
        sources = {
            "profession": Profession.objects.published(),
            "outcome": OutcomeTag.objects.all(),
            "setting": Setting.objects.all(),
        }
        terms = {
            facet: [Term(pk, slug, name) for pk, slug, name in qs.values_list("pk", "slug", "name")]
            for facet, qs in sources.items()
        }
        terms["kind"] = [Term(value, value, label) for value, label in CaseStudy.Kind.choices]
        return cls(terms)

    def by_slug(self, facet) -> dict[str, Term]:
        return {term.slug: term for term in self.terms[facet]}

    def by_key(self, facet) -> dict:
        return {term.key: term for term in self.terms[facet]}


def normalise(data, vocabulary):
    """Drop empty, repeated and unknown facet values, keeping the order given.

    Returns the cleaned data and the (parameter, value) pairs that were not recognised, so the
    page can say what it ignored instead of failing or showing nothing.
    """
    cleaned = QueryDict(mutable=True)
    ignored = []
    for name in data:
        values = data.getlist(name)
        if name in FACETS:
            known = vocabulary.by_slug(name)
            kept = []
            for value in values:
                value = value.strip()
                if not value or value in kept:
                    continue
                if value in known:
                    kept.append(value)
                else:
                    ignored.append((name, value[:60]))
            cleaned.setlist(name, kept)
        else:
            # Single-valued parameters: the last one wins, as with QueryDict.get.
            cleaned[name] = values[-1] if values else ""
    return cleaned, ignored


class CaseStudyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_words", label="Search case studies")
    profession = django_filters.MultipleChoiceFilter(method="filter_m2m", label="Profession")
    outcome = django_filters.MultipleChoiceFilter(method="filter_m2m", label="Outcome")
    setting = django_filters.MultipleChoiceFilter(method="filter_m2m", label="Setting")
    kind = django_filters.MultipleChoiceFilter(field_name="kind", label="Type")
    outcome_match = django_filters.ChoiceFilter(
        choices=[("all", "all")], method="read_only", label="Match all selected outcomes"
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="read_only",
        label="Sort by",
    )

    class Meta:
        model = CaseStudy
        fields = ["q", "profession", "outcome", "setting", "kind", "outcome_match", "sort"]

    def __init__(self, data=None, queryset=None, *, vocabulary, **kwargs):
        self.vocabulary = vocabulary
        data, self.ignored = normalise(data if data is not None else QueryDict(), vocabulary)
        super().__init__(data, queryset, **kwargs)
        for facet in FACETS:
            self.filters[facet].extra["choices"] = [
                (term.slug, term.name) for term in vocabulary.terms[facet]
            ]
        self.is_valid()  # validate now: cleaned_data is read throughout

    # -- filters --------------------------------------------------------------------------

    @property
    def match_all_outcomes(self) -> bool:
        return self.form.cleaned_data.get("outcome_match") == "all"

    def filter_m2m(self, queryset, name, value):
        by_slug = self.vocabulary.by_slug(name)
        keys = [by_slug[slug].key for slug in value]
        column = M2M_FACETS[name][1]
        rows = through(name).objects.values("casestudy_id")
        if name == "outcome" and self.match_all_outcomes:
            for key in keys:
                queryset = queryset.filter(pk__in=rows.filter(**{column: key}))
            return queryset
        return queryset.filter(pk__in=rows.filter(**{f"{column}__in": keys}))

    def filter_words(self, queryset, name, value):
        """Every word must appear in the title, summary, publisher, or a profession or
        outcome name (case-insensitive). Names are matched against the vocabulary in Python,
        so a word costs one LIKE per text column and no join."""
        for word in value[:MAX_QUERY_CHARS].split()[:MAX_WORDS]:
            match = (
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(publisher__icontains=word)
            )
            lowered = word.casefold()
            for facet in ("profession", "outcome"):
                keys = [t.key for t in self.vocabulary.terms[facet] if lowered in t.name.casefold()]
                if keys:
                    column = M2M_FACETS[facet][1]
                    match |= Q(
                        pk__in=through(facet)
                        .objects.filter(**{f"{column}__in": keys})
                        .values("casestudy_id")
                    )
            queryset = queryset.filter(match)
        return queryset

    def read_only(self, queryset, name, value):
        """``sort`` and ``outcome_match`` change how others work, not which rows match."""
        return queryset

    # -- the querysets the finder needs ---------------------------------------------------

    def filter_queryset(self, queryset, *, ignore=()):
        for name, value in self.form.cleaned_data.items():
            if name not in ignore:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def matching(self, *, ignore=()) -> QuerySet:
        """The matching case studies, unordered, leaving out the facets in ``ignore``: a
        facet's counts are computed against the other active facets."""
        return self.filter_queryset(self.queryset.order_by(), ignore=ignore)

    @property
    def sort_key(self) -> str:
        return self.form.cleaned_data.get("sort") or DEFAULT_SORT

    @property
    def qs(self) -> QuerySet:
        if not hasattr(self, "_qs"):
            queryset = self.matching()
            if self.sort_key == "outcomes":
                queryset = queryset.annotate(outcome_count=outcome_count())
            self._qs = queryset.order_by(*SORTS[self.sort_key][1])
        return self._qs

    def selected(self, facet) -> list[str]:
        return list(self.form.cleaned_data.get(facet) or [])

    @property
    def words(self) -> str:
        """The search words as shown back (page, feed title): control characters, which XML
        cannot carry, become spaces."""
        text = (self.form.cleaned_data.get("q") or "")[:MAX_QUERY_CHARS]
        return " ".join(CONTROL.sub(" ", text).split())


def outcome_count():
    """The number of outcome tags of each case study, as a correlated subquery (an index
    lookup per row) rather than a join with GROUP BY over every column."""
    counted = (
        through("outcome")
        .objects.filter(casestudy_id=OuterRef("pk"))
        .order_by()
        .values("casestudy_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0))
