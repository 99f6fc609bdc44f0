"""The finder's FilterSet: the one place where the query string becomes a queryset.

Within a facet options combine with OR, across facets with AND; ``outcome_match=all`` makes
outcomes combine with AND. Facet values are slugs checked against a ``Vocabulary`` loaded once
per request (so the FilterSet itself runs no query), and many-to-many facets filter with a
semi-join (``id IN (SELECT casestudy_id ...)``), which never duplicates rows and needs no
DISTINCT.
"""

import re
from functools import reduce
from operator import add

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, Q, QuerySet, Value
from django.http import QueryDict

from casestudies.finder import bitindex
from casestudies.finder.summaries import has_tag, has_tags
from casestudies.finder.vocabulary import COLUMN_FACETS, FACETS, M2M_FACETS
from casestudies.models import CaseStudy
from editorial.search import sqlite as search_sqlite
from editorial.search.kinds import by_label

# Words beyond these are ignored: a 10,000-character query costs no more than a short one.
MAX_QUERY_CHARS = 200
MAX_WORDS = 10
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SEARCH_CONFIG = "english"

SORTS = {
    "title": ("Title A to Z", ["title", "pk"]),
    "newest": ("Newest published", ["-published_at", "title", "pk"]),
    "outcomes": ("Most outcomes", ["-outcome_count", "title", "pk"]),
}
DEFAULT_SORT = "title"


class SearchDocument(Expression):
    """The case study's ``search_document`` column: a tsvector of its title, publisher and
    summary ('english' stemming) that PostgreSQL generates and GIN-indexes (migration 0006).
    The column exists only there, so Django's model does not declare it."""

    output_field = SearchVectorField()
    config = SEARCH_CONFIG

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."search_document"', []


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


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
    profession = django_filters.MultipleChoiceFilter(method="filter_facet", label="Profession")
    outcome = django_filters.MultipleChoiceFilter(method="filter_facet", label="Outcome")
    setting = django_filters.MultipleChoiceFilter(method="filter_facet", label="Setting")
    kind = django_filters.MultipleChoiceFilter(method="filter_facet", label="Type")
    evaluated = django_filters.MultipleChoiceFilter(method="filter_facet", label="Evaluated")
    costed = django_filters.MultipleChoiceFilter(method="filter_facet", label="Costed")
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
        fields = ["q", *FACETS, "outcome_match", "sort"]

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
        words = value[:MAX_QUERY_CHARS].split()[:MAX_WORDS]
        named = {}
        for word in words:
            names = Q()
            for facet in ("profession", "outcome"):
                mask = self.vocabulary.mask_of_names_containing(facet, word)
                if mask:
                    names |= Q(has_tag(M2M_FACETS[facet][1], mask))
            named[word] = names
        # The words that name no tag form one query (on PostgreSQL a web-search query, stop
        # words dropped), which the full-text index answers alone.
        plain = " ".join(word for word in words if not named[word])
        if plain:
            queryset = queryset.filter(words_match(plain))
        for word in words:
            if named[word]:
                queryset = queryset.filter(words_semi_join(word) | named[word])
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


def words_match(words):
    """The case study's text matches the words (whole words, stemmed): PostgreSQL's
    full-text search on its ``search_document``, elsewhere the FTS5 index of site search."""
    if uses_full_text_search():
        return text_search(words)
    return Q(pk__in=search_sqlite.object_ids(words, by_label(CaseStudy._meta.label_lower)))


def words_semi_join(words) -> Q:
    """The same as a semi-join, which keeps the full-text index in use beside an OR."""
    if uses_full_text_search():
        return Q(pk__in=CaseStudy.objects.filter(text_search(words)).values("pk"))
    return words_match(words)


def text_search(words):
    """``document @@ websearch_to_tsquery('english', words)``: never an error, whatever the
    words (quotes, operators, punctuation only)."""
    return SearchVectorExact(
        SearchDocument(), SearchQuery(words, config=SEARCH_CONFIG, search_type="websearch")
    )


def outcome_count(vocabulary):
    """The number of outcome tags of each case study, from its summary."""
    bits = [term.mask.bit_length() - 1 for term in vocabulary.terms["outcome"] if term.mask]
    if not bits:
        return Value(0)
    return reduce(add, (F("outcome_bits").bitrightshift(bit).bitand(1) for bit in bits))


def case_study_filter(data) -> CaseStudyFilter:
    """The finder over the published case studies: every public list uses this."""
    return CaseStudyFilter(
        data, queryset=CaseStudy.objects.published(), vocabulary=bitindex.vocabulary()
    )
