from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from pages import privacy
from pages.models import KeyFact, Page


@require_safe
def home(request):
    return render(
        request,
        "pages/home.jinja",
        {
            "key_facts": KeyFact.objects.published()[:4],
            "sections": Page.objects.published().filter(show_in_navigation=True),
        },
    )


@require_safe
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


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.jinja")


@require_safe
def privacy_notice(request):
    facts = {
        **privacy.checklist_facts(),
        **privacy.alerts_facts(),
        **privacy.submission_facts(),
    }
    return render(request, "pages/privacy.jinja", facts)


@require_safe
def cookies(request):
    return render(request, "pages/cookies.jinja", {"cookies": privacy.cookies()})
