from django.shortcuts import get_object_or_404, render

from casestudies.filters import CaseStudyFilter
from casestudies.models import CaseStudy


def case_study_list(request):
    base = CaseStudy.objects.published().prefetch_related("professions", "outcomes", "settings")
    finder = CaseStudyFilter(request.GET, queryset=base)
    return render(
        request,
        "casestudies/list.jinja",
        {"finder": finder, "case_studies": finder.qs if finder.is_valid() else base.none()},
    )


def case_study_detail(request, slug):
    case_study = get_object_or_404(
        CaseStudy.objects.published().prefetch_related("professions", "outcomes", "settings"),
        slug=slug,
    )
    return render(request, "casestudies/detail.jinja", {"case_study": case_study})
