"""The FilterSets of the careers pages: the one place where a query string becomes a queryset.

As in the case-study finder, options within a facet combine with OR and facets with AND; facet
values are slugs checked against a ``Vocabulary`` read once per request, and unknown values are
dropped and reported (never an error, whatever the bytes)."""

from dataclasses import dataclass

import django_filters
from django.db.models import Count, Q
from django.http import QueryDict

from careers.models import CareerStory, PathwayStep, Resource
from professions.models import Profession, Setting

MAX_VALUES = 20  # a facet has at most this many options (14 professions)


@dataclass(frozen=True)
class Term:
    pk: int
    slug: str
    name: str


class Vocabulary:
    """The published professions, the settings and the published pathway steps."""

    def __init__(self, terms: dict[str, list[Term]]):
        self.terms = terms
        self._by_slug = {facet: {t.slug: t for t in ts} for facet, ts in terms.items()}

    @classmethod
    def load(cls, facets=("profession", "setting", "step")):
        sources = {
            "profession": (Profession.objects.published(), "name"),
            "setting": (Setting.objects.all(), "name"),
            "step": (PathwayStep.objects.published(), "title"),
        }
        terms = {}
        for facet in facets:
            queryset, label = sources[facet]
            terms[facet] = [
                Term(pk, slug, name) for pk, slug, name in queryset.values_list("pk", "slug", label)
            ]
        return cls(terms)

    def by_slug(self, facet) -> dict[str, Term]:
        return self._by_slug[facet]


def normalise(data, vocabulary, facets):
    """Keep the known, distinct facet values in the order given; return them with the
    (parameter, value) pairs that were dropped, so the page can say what it ignored."""
    cleaned = QueryDict(mutable=True)
    ignored = []
    for name in facets:
        kept = []
        for value in data.getlist(name)[: MAX_VALUES * 2]:
            value = value.strip()
            if not value or value in kept:
                continue
            if value in vocabulary.by_slug(name):
                kept.append(value)
            else:
                ignored.append((name, value[:60]))
        cleaned.setlist(name, kept)
    return cleaned, ignored


class FacetFilterSet(django_filters.FilterSet):
    """Facets of slugs, each a ``Q`` built from the vocabulary (the FilterSet runs no query
    of its own); subclasses say how a facet selects rows in ``condition``."""

    facets: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, vocabulary, **kwargs):
        self.vocabulary = vocabulary
        data, self.ignored = normalise(
            data if data is not None else QueryDict(), vocabulary, self.facets
        )
        super().__init__(data, queryset, **kwargs)
        for facet in self.facets:
            self.filters[facet].extra["choices"] = [
                (t.slug, t.name) for t in vocabulary.terms[facet]
            ]
        self.is_valid()

    def selected(self, facet) -> list[str]:
        return list(self.form.cleaned_data.get(facet) or [])

    def selected_terms(self, facet) -> list[Term]:
        return [self.vocabulary.by_slug(facet)[slug] for slug in self.selected(facet)]

    def condition(self, facet, pks) -> Q:
        raise NotImplementedError

    def facet_condition(self, facet, extra=()) -> Q:
        pks = [t.pk for t in self.selected_terms(facet)] + list(extra)
        return self.condition(facet, pks) if pks else Q()

    def filter_facet(self, queryset, name, value):
        return queryset.filter(self.facet_condition(name))

    def others(self, facet=None) -> Q:
        q = Q()
        for other in self.facets:
            if other != facet:
                q &= self.facet_condition(other)
        return q

    def counts(self) -> tuple[int, dict[str, dict[str, int]]]:
        """The number of rows matching now, and for every option of every facet how many the
        list would hold with it ticked (the current number for a ticked one), keeping the other
        choices: one aggregate query."""
        aggregates = {"n": Count("pk", filter=self.others())}
        for facet in self.facets:
            chosen = set(self.selected(facet))
            for index, term in enumerate(self.vocabulary.terms[facet]):
                if term.slug not in chosen:
                    condition = self.others(facet) & self.facet_condition(facet, [term.pk])
                    aggregates[f"{facet}_{index}"] = Count("pk", filter=condition)
        row = self.queryset.order_by().aggregate(**aggregates)
        total = row["n"]
        options = {
            facet: {
                t.slug: row.get(f"{facet}_{i}", total)
                for i, t in enumerate(self.vocabulary.terms[facet])
            }
            for facet in self.facets
        }
        return total, options

    @property
    def selected_count(self) -> int:
        return sum(len(self.selected(f)) for f in self.facets)


class CareerStoryFilter(FacetFilterSet):
    facets = ("profession", "setting", "step")

    profession = django_filters.MultipleChoiceFilter(method="filter_facet", label="Profession")
    setting = django_filters.MultipleChoiceFilter(method="filter_facet", label="Setting")
    step = django_filters.MultipleChoiceFilter(method="filter_facet", label="Pathway step")

    class Meta:
        model = CareerStory
        fields = ["profession", "setting", "step"]

    def condition(self, facet, pks) -> Q:
        if facet == "setting":
            # a semi-join: never a duplicate row, no DISTINCT
            through = CareerStory.settings.through.objects.filter(setting_id__in=pks)
            return Q(pk__in=through.values("careerstory_id"))
        return Q(**{f"{facet}_id__in": pks})


class ResourceFilter(FacetFilterSet):
    facets = ("profession", "step")

    profession = django_filters.MultipleChoiceFilter(method="filter_facet", label="Profession")
    step = django_filters.MultipleChoiceFilter(method="filter_facet", label="Pathway step")

    class Meta:
        model = Resource
        fields = ["profession", "step"]

    def condition(self, facet, pks) -> Q:
        if facet == "profession":
            # a resource for no profession in particular is for every AHP: always included
            tagged = Resource.professions.through.objects
            return Q(pk__in=tagged.filter(profession_id__in=pks).values("resource_id")) | ~Q(
                pk__in=tagged.values("resource_id")
            )
        through = Resource.steps.through.objects.filter(pathwaystep_id__in=pks)
        return Q(pk__in=through.values("resource_id"))


def story_filter(data) -> CareerStoryFilter:
    return CareerStoryFilter(
        data, queryset=CareerStory.objects.published(), vocabulary=Vocabulary.load()
    )


def resource_filter(data) -> ResourceFilter:
    return ResourceFilter(
        data,
        queryset=Resource.objects.published(),
        vocabulary=Vocabulary.load(("profession", "step")),
    )
