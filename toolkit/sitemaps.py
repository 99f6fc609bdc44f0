from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.models import CareerStory, PathwayStep
from casestudies.models import CaseStudy
from pages.models import Page
from professions.models import Profession


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "professions:list",
            "professions:compare",
            "casestudies:list",
            "casestudies:evidence-map",
            "submissions:submit",
            "careers:index",
            "careers:pathways",
            "careers:stories",
            "careers:resources",
            "checklist:index",
            "accessibility",
            "privacy",
            "cookies",
        ]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


def published_sitemap(model_class):
    return type(f"{model_class.__name__}Sitemap", (PublishedSitemap,), {"model": model_class})


SITEMAPS = {
    "static": StaticSitemap,
    "pages": published_sitemap(Page),
    "professions": published_sitemap(Profession),
    "case-studies": published_sitemap(CaseStudy),
    "career-stories": published_sitemap(CareerStory),
    "pathway-steps": published_sitemap(PathwayStep),
}
