from django.urls import reverse

from pages.models import Page


def site(request):
    """Navigation for the base layout, as plain links: one query of two columns, whatever the
    page (plain values, so the footer's memo() keys on them without building models)."""
    pages = Page.objects.published().filter(show_in_navigation=True).values_list("title", "slug")
    return {
        "navigation_links": [
            {"href": reverse("page", kwargs={"slug": slug}), "text": title} for title, slug in pages
        ]
    }
