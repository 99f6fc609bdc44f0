"""An alert's search: the finder's query string, parsed and normalised by the finder itself
(casestudies/finder/), so an alert matches exactly what the finder shows for it."""

from django.http import QueryDict
from django.urls import reverse

from casestudies.finder.filters import CaseStudyFilter, case_study_filter
from casestudies.finder.page import query_string
from casestudies.finder.wording import phrases, selected_names


def finder_for(query: str | QueryDict) -> CaseStudyFilter:
    data = query if isinstance(query, QueryDict) else QueryDict(query)
    return case_study_filter(data)


def normalised(finder: CaseStudyFilter) -> str:
    """The filter as the query string an alert keeps: known values only, in the finder's
    order, without the sort or the page (they change the list's order, not what is in it)."""
    return query_string(
        finder, sort=None, outcome_match="all" if finder.match_all_outcomes else None
    )


def describe(finder: CaseStudyFilter) -> str:
    """'new case studies involving dietitians, in autism settings'."""
    parts = phrases(selected_names(finder), match_all=finder.match_all_outcomes, words=finder.words)
    return " ".join(["new case studies", ", ".join(parts)]).strip()


def finder_url(query: str) -> str:
    return reverse("casestudies:list") + (f"?{query}" if query else "")
