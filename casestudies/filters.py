"""The app's FilterSet (one filters.py per app): the finder's, which lives with the rest of
the finder's machinery in casestudies/finder/filters.py."""

from casestudies.finder.filters import CaseStudyFilter, case_study_filter

__all__ = ["CaseStudyFilter", "case_study_filter"]
