from django.urls import reverse

from editorial import contentversion
from pages.models import Page

# (content version tag, links): the navigation changes only with the content
_navigation = (None, [])


def site(request):
    """Navigation for the base layout, as plain links (so the footer's memo() keys on them
    without building models): read once per content version, by each process."""
    global _navigation
    tag = contentversion.current()["tag"]
    kept_tag, links = _navigation
    if kept_tag != tag:
        pages = Page.objects.published().filter(show_in_navigation=True)
        links = [
            {"href": reverse("page", kwargs={"slug": slug}), "text": title}
            for title, slug in pages.values_list("title", "slug")
        ]
        _navigation = (tag, links)
    return {"navigation_links": links}
