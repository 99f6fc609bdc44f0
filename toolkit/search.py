"""Site-wide search over published content."""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q

# (model label, fields searched, field shown as title, kind label)
SEARCHABLE = [
    ("toolkit.Page", ["title", "summary", "body"], "title", "Toolkit section"),
    ("professions.Profession", ["name", "summary", "description"], "name", "Profession"),
    ("casestudies.CaseStudy", ["title", "summary", "publisher"], "title", "Case study"),
    ("careers.CareerStory", ["name", "job_title", "summary"], "name", "Career story"),
    ("careers.Resource", ["title", "description"], "title", "Resource"),
]
RESULTS_PER_KIND = 20


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    kind: str
    summary: str


def search_everything(query: str) -> list[Result]:
    words = query.split()[:10]
    results = []
    for label, fields, title_field, kind in SEARCHABLE:
        model = apps.get_model(label)
        condition = Q()
        for word in words:
            word_q = Q()
            for field in fields:
                word_q |= Q(**{f"{field}__icontains": word})
            condition &= word_q
        for obj in model.objects.published().filter(condition)[:RESULTS_PER_KIND]:
            url = obj.url if label == "careers.Resource" else obj.get_absolute_url()
            summary = getattr(obj, "description", "") if label == "careers.Resource" else ""
            if not summary and isinstance(getattr(obj, "summary", None), str):
                summary = obj.summary
            results.append(Result(getattr(obj, title_field), url, kind, summary))
    return results
