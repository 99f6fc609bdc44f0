from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from toolkit import privacy
from toolkit import search as site_search
from toolkit.models import KeyFact, Page


def home(request):
    return render(
        request,
        "toolkit/home.jinja",
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
        "toolkit/page.jinja",
        {
            "page": page,
            "previous_page": pages[index - 1] if index else None,
            "next_page": pages[index + 1] if index is not None and index + 1 < len(pages) else None,
            **extra,
        },
    )


def search(request):
    kind = site_search.kind_for(request.GET.get("type"))
    page = request.GET.get("page", "")
    results = site_search.search(
        request.GET.get("q", ""), kind=kind, page=int(page) if page.isdecimal() else 1
    )
    return render(request, "toolkit/search.jinja", {"search": results})


def accessibility(request):
    return render(request, "toolkit/accessibility.jinja")


def privacy_notice(request):
    return render(request, "toolkit/privacy.jinja", privacy.checklist_facts())


def cookies(request):
    return render(request, "toolkit/cookies.jinja", {"cookies": privacy.cookies()})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /checklist/progress/",
        "Disallow: /checklist/shared/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception=None):
    return render(request, "toolkit/400.jinja", status=400)


def permission_denied(request, exception=None):
    return render(request, "toolkit/403.jinja", status=403)


def csrf_failure(request, reason=""):
    return render(request, "toolkit/403_csrf.jinja", status=403)


def page_not_found(request, exception=None):
    return render(request, "toolkit/404.jinja", status=404)


def server_error(request):
    # No request context: the page must render even when the database is down.
    return HttpResponseServerError(loader.get_template("toolkit/500.jinja").render({}))


def media(request, path):
    """Uploaded images, when Django serves them (SERVE_MEDIA: development and tests)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
