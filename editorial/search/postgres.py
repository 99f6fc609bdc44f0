"""Site search on PostgreSQL: the entries' generated ``document`` column (title weighted A,
text B, 'english' stemming, GIN-indexed; migration editorial 0001) against a web-search query (quotes
for phrases, "or", "-word"), ranked by ts_rank with A worth five times B, excerpts by
ts_headline."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db.models import Case, Expression, F, FloatField, Value, When

from editorial.models import SearchEntry
from editorial.search.kinds import all_kinds
from editorial.search.text import START, STOP

CONFIG = "english"
WEIGHTS = [0.05, 0.1, 0.2, 1.0]  # D, C, B (text), A (title)


class EntryDocument(Expression):
    """The ``document`` column, which the model does not declare (it exists only here)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."document"', []


def web_query(text: str) -> SearchQuery:
    return SearchQuery(text, config=CONFIG, search_type="websearch")


def matches(text: str):
    return SearchVectorExact(EntryDocument(), web_query(text))


def object_ids(text: str, kind):
    return SearchEntry.objects.filter(matches(text), kind=kind.label).values("object_id")


def ranked(text: str) -> list[tuple[str, int, int]]:
    boost = Case(
        *(
            When(kind=kind.label, then=Value(kind.boost))
            for kind in all_kinds()
            if kind.boost != 1.0
        ),
        default=Value(1.0),
        output_field=FloatField(),
    )
    rank = SearchRank(EntryDocument(), web_query(text), weights=WEIGHTS) * boost
    return list(
        SearchEntry.objects.filter(matches(text))
        .annotate(rank=rank)
        .order_by("-rank", "id")
        .values_list("kind", "object_id", "id")
    )


def excerpts(text: str, entry_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    if not entry_ids:
        return {}
    excerpt = SearchHeadline(
        F("body"),
        web_query(text),
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        min_words=15,
        max_words=30,
    )
    rows = (
        SearchEntry.objects.filter(pk__in=entry_ids)
        .annotate(excerpt=excerpt)
        .values_list("id", "title", "url", "excerpt")
    )
    return {row[0]: row[1:] for row in rows}
