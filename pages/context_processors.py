from pages.models import Page


def site(request):
    """Navigation for the base layout: one query, whatever the page."""
    return {
        "navigation_pages": Page.objects.published()
        .filter(show_in_navigation=True)
        .only("title", "slug"),
    }
