from django.shortcuts import get_object_or_404, render

from pages import privacy
from pages.models import KeyFact, Page


def home(request):
    return render(
        request,
        "pages/home.jinja",
        {
            "key_facts": KeyFact.objects.published()[:4],
            "sections": Page.objects.published().filter(show_in_navigation=True),
        },
    )


def page_detail(request, slug):
    return render_page(request, get_object_or_404(Page.objects.published(), slug=slug))


def render_page(request, page, **extra):
    """A toolkit section's public page (also the admin's preview of a draft)."""
    pages = list(Page.objects.published().only("title", "slug", "order"))
    index = next((i for i, p in enumerate(pages) if p.pk == page.pk), None)
    return render(
        request,
        "pages/page.jinja",
        {
            "page": page,
            "previous_page": pages[index - 1] if index else None,
            "next_page": pages[index + 1] if index is not None and index + 1 < len(pages) else None,
            **extra,
        },
    )


def accessibility(request):
    return render(request, "pages/accessibility.jinja")


def privacy_notice(request):
    return render(request, "pages/privacy.jinja", privacy.checklist_facts())


def cookies(request):
    return render(request, "pages/cookies.jinja", {"cookies": privacy.cookies()})
