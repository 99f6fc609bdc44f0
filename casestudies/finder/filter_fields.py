"""The finder's filters and form fields: django-filter's, copied for each request at a
fraction of the cost (the FilterSet deep-copies its filters, and Django its form's fields, on
every request; only what a request sets on them needs copying)."""

import copy

import django_filters
from django import forms


class SharedChoices:
    """A choice field whose copies share its choices: Django deep-copies every field of every
    form it builds, and the facets' choices are the kept vocabulary's, which nothing changes."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


class FacetField(SharedChoices, django_filters.fields.MultipleChoiceField):
    pass


class OptionField(SharedChoices, django_filters.fields.ChoiceField):
    pass


class CopiedLightly:
    """A filter that the FilterSet's copy for each request copies shallowly: only the parent
    and model it is given differ between requests (its method is bound to the copy again)."""

    def __deepcopy__(self, memo):
        copied = copy.copy(self)
        copied.extra = self.extra.copy()
        copied.method = self.method
        return copied


class WordsFilter(CopiedLightly, django_filters.CharFilter):
    pass


class FacetFilter(CopiedLightly, django_filters.MultipleChoiceFilter):
    field_class = FacetField

    def __init__(self, label):
        super().__init__(method="filter_facet", label=label)


class OptionFilter(CopiedLightly, django_filters.ChoiceFilter):
    field_class = OptionField
