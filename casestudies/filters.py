import django_filters
from django.db.models import Q

from casestudies.models import CaseStudy, OutcomeTag
from professions.models import Profession, Setting


class CaseStudyFilter(django_filters.FilterSet):
    """The finder's facets. Within a facet options combine with OR, across facets with AND."""

    q = django_filters.CharFilter(method="filter_words", label="Search case studies")
    profession = django_filters.ModelMultipleChoiceFilter(
        field_name="professions__slug",
        to_field_name="slug",
        queryset=Profession.objects.published(),
        label="Profession",
    )
    outcome = django_filters.ModelMultipleChoiceFilter(
        field_name="outcomes__slug",
        to_field_name="slug",
        queryset=OutcomeTag.objects.all(),
        label="Outcome",
    )
    setting = django_filters.ModelMultipleChoiceFilter(
        field_name="settings__slug",
        to_field_name="slug",
        queryset=Setting.objects.all(),
        label="Setting",
    )

    class Meta:
        model = CaseStudy
        fields = ["q", "profession", "outcome", "setting"]

    def filter_words(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(publisher__icontains=word)
                | Q(professions__name__icontains=word)
                | Q(outcomes__name__icontains=word)
            )
        return queryset

    @property
    def qs(self):
        return super().qs.distinct()
