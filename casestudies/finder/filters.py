"""The finder's FilterSet: the one place where the query string becomes a queryset.

Within a facet options combine with OR, across facets with AND; ``outcome_match=all`` makes
outcomes combine with AND. Facet values are slugs checked against a ``Vocabulary`` loaded once
per request (so the FilterSet itself runs no query), and many-to-many facets filter with a
semi-join (``id IN (SELECT casestudy_id ...)``), which never duplicates rows and needs no
DISTINCT.
"""

import operator
import re
from functools import reduce
from operator import add

import django_filters
from django.db.models import F, Q, QuerySet, Value
from django.http import QueryDict

from casestudies.finder import snapshot
from casestudies.finder.filter_fields import FacetFilter, OptionFilter, WordsFilter
from casestudies.finder.summaries import has_tag, has_tags
from casestudies.finder.vocabulary import COLUMN_FACETS, DEFAULT_SORT, FACETS, M2M_FACETS, SORTS
from casestudies.finder.words import (
    MAX_QUERY_CHARS,
    split_words,
    uses_full_text_search,
    words_match,
    words_semi_join,
)
from casestudies.models import CaseStudy

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


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
    q = WordsFilter(method="filter_words", label="Search case studies")
    profession = FacetFilter("Profession")
    outcome = FacetFilter("Outcome")
    setting = FacetFilter("Setting")
    kind = FacetFilter("Type")
    evaluated = FacetFilter("Evaluated")
    costed = FacetFilter("Costed")
    outcome_match = OptionFilter(
        choices=[("all", "all")], method="read_only", label="Match all selected outcomes"
    )
    sort = OptionFilter(
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="read_only",
        label="Sort by",
    )

    # (vocabulary, its form class): the latest built, shared by every request
    _form_class = None

    class Meta:
        model = CaseStudy
        fields = ["q", *FACETS, "outcome_match", "sort"]

    def __init__(self, data=None, queryset=None, *, vocabulary, **kwargs):
        self.vocabulary = vocabulary
        data, self.ignored = normalise(data if data is not None else QueryDict(), vocabulary)
        super().__init__(data, queryset, **kwargs)
        self.is_valid()  # validate now: cleaned_data is read throughout

    def get_form_class(self):
        """The form for the vocabulary's choices, built once for each kept vocabulary (as
        django-filter builds it, but not on every request)."""
        kept = CaseStudyFilter._form_class
        if kept is not None and kept[0] is self.vocabulary:
            return kept[1]
        for facet in FACETS:
            self.filters[facet].extra["choices"] = [
                (term.slug, term.name) for term in self.vocabulary.terms[facet]
            ]
        form_class = super().get_form_class()
        CaseStudyFilter._form_class = (self.vocabulary, form_class)
        return form_class

    # -- filters --------------------------------------------------------------------------

    @property
    def match_all_outcomes(self) -> bool:
        return self.form.cleaned_data.get("outcome_match") == "all"

    def filter_facet(self, queryset, name, value):
        return queryset.filter(self.facet_condition(name))

    def column_values(self, name) -> list:
        """A selected column facet's database values (``True`` for costed)."""
        terms = self.vocabulary.by_slug(name)
        return [terms[slug].key for slug in self.form.cleaned_data.get(name) or []]

    def facet_condition(self, name) -> Q | None:
        """The condition a selected facet puts on a case study, or None when none is selected."""
        if name in COLUMN_FACETS:
            values = self.column_values(name)
            return Q(**{f"{COLUMN_FACETS[name]}__in": values}) if values else None
        conditions = self.tag_conditions(name)
        return has_tags(conditions) if conditions else None

    def tag_conditions(self, name) -> list[tuple[str, int]]:
        """A selected many-to-many facet as (summary column, mask) pairs that must all hold
        (see summaries.TagCount); empty when none of its options is selected."""
        values = self.form.cleaned_data.get(name)
        if not values:
            return []
        terms = [self.vocabulary.by_slug(name)[slug] for slug in values]
        column = M2M_FACETS[name][1]
        if name == "outcome" and self.match_all_outcomes:
            # every one: a tag without a bit (mask 0) rightly matches nothing
            return [(column, term.mask) for term in terms]
        return [(column, reduce(int.__or__, (term.mask for term in terms)))]

    def filter_words(self, queryset, name, value):
        """Every word must match the title, summary or publisher (whole words, stemmed: site
        search's full-text engine on either database), or be part of the name of one of the
        case study's professions or outcomes (case-insensitive)."""
        words = split_words(value)
        named = {}
        for word in words:
            named[word] = reduce(
                operator.or_, (Q(has_tag(column, mask)) for column, mask in self.names(word)), Q()
            )
        # The words that name no tag form one query (on PostgreSQL a web-search query, stop
        # words dropped), which the full-text index answers alone.
        plain = " ".join(word for word in words if not named[word])
        if plain:
            queryset = queryset.filter(words_match(plain))
        for word in words:
            if named[word]:
                queryset = queryset.filter(words_semi_join(word) | named[word])
        return queryset

    def names(self, word) -> list[tuple[str, int]]:
        """The (summary column, mask) of the professions and outcomes the word names."""
        found = []
        for facet in ("profession", "outcome"):
            if mask := self.vocabulary.mask_of_names_containing(facet, word):
                found.append((M2M_FACETS[facet][1], mask))
        return found

    def separate_words(self) -> list[str] | None:
        """The search words, when what they match is what each matches, intersected (then the
        bitset index keeps each word's matches); None when a phrase in quotes or, on
        PostgreSQL, an "or" or a "-" (not) joins them."""
        words = split_words(self.form.cleaned_data.get("q") or "")
        if any('"' in word for word in words):
            return None
        if uses_full_text_search() and any(w.casefold() == "or" or w[0] == "-" for w in words):
            return None
        return words

    def read_only(self, queryset, name, value):
        """``sort`` and ``outcome_match`` change how others work, not which rows match."""
        return queryset

    # -- the querysets the finder needs ---------------------------------------------------

    def filter_queryset(self, queryset, *, ignore=()):
        for name, value in self.form.cleaned_data.items():
            if name not in ignore:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def searched(self) -> QuerySet:
        """The published case studies matching the words, whatever the facets."""
        return self.matching(ignore=FACETS)

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
                queryset = queryset.annotate(outcome_count=outcome_count(self.vocabulary))
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


def outcome_count(vocabulary):
    """The number of outcome tags of each case study, from its summary."""
    bits = [term.mask.bit_length() - 1 for term in vocabulary.terms["outcome"] if term.mask]
    if not bits:
        return Value(0)
    return reduce(add, (F("outcome_bits").bitrightshift(bit).bitand(1) for bit in bits))


def case_study_filter(data) -> CaseStudyFilter:
    """The finder over the published case studies: every public list uses this."""
    return CaseStudyFilter(
        data, queryset=CaseStudy.objects.published(), vocabulary=snapshot.vocabulary()
    )
