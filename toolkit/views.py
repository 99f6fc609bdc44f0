"""The site's own views: search across every app, robots, health, errors, media."""

import secrets
import sys

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from editorial.admin import denied as admin_denied
from toolkit import search as site_search


@require_safe
def search(request):
    kind = site_search.kind_for(request.GET.get("type"))
    page = request.GET.get("page", "")
    results = site_search.search(
        request.GET.get("q", ""), kind=kind, page=int(page) if page.isdecimal() else 1
    )
    return render(request, "toolkit/search.jinja", {"search": results})


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


@require_GET
def favicon(request):
    # The hashed name is looked up per request, not at import: management commands run
    # before collectstatic has written the manifest.
    return HttpResponsePermanentRedirect(static("nhsuk/assets/images/favicon.ico"))


@require_safe
@never_cache
def healthz(request):
    """Liveness: the process answers. It asks nothing of the database or the cache."""
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
def readyz(request):
    """Readiness, for the load balancer: 503 when the database does not answer ``SELECT 1``.
    The cache is checked with a round trip and reported, but a server without its cache still
    serves (toolkit.cache), so it stays in: otherwise a Redis outage would take every server
    out at once."""
    lines, status = [], 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        lines.append("database: ok")
    except DatabaseError:
        lines.append("database: unavailable")
        status = 503
    token = secrets.token_hex(8)
    key = f"readyz:{token}"
    cache.set(key, token, timeout=10)
    cache_ok = cache.get(key) == token
    cache.delete(key)
    lines.append("cache: ok" if cache_ok else "cache: unavailable (serving without it)")
    return HttpResponse("\n".join(lines) + "\n", status=status, content_type="text/plain")


def error_page(request, template: str, status: int) -> HttpResponse:
    """An error page, rendered without the request when its Host header is not allowed: the
    page's absolute URLs (og:url) would ask for the host and fail again, giving a 500."""
    try:
        request.get_host()
    except DisallowedHost:
        return HttpResponse(loader.get_template(template).render({}), status=status)
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return error_page(request, "toolkit/400.jinja", 400)


def permission_denied(request, exception=None):
    if admin_denied.serves(request):
        return admin_denied.permission_denied(request)
    return error_page(request, "toolkit/403.jinja", 403)


def csrf_failure(request, reason=""):
    return error_page(request, "toolkit/403_csrf.jinja", 403)


def page_not_found(request, exception=None):
    return error_page(request, "toolkit/404.jinja", 404)


def server_error(request):
    # No request context: the page must render even when the database is down. Only the CSP
    # nonce is taken from the request, so that NHS.UK frontend's inline script may run.
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable(request)
    return HttpResponseServerError(
        loader.get_template("toolkit/500.jinja").render(_without_queries(request))
    )


def _without_queries(request) -> dict:
    """The context of a page that must render without the database: the CSP nonce (none if
    the error came before the CSP middleware made one), nothing that asks a query."""
    nonce = getattr(request, "csp_nonce", None)  # lazy: made when read, and falsy till then
    return {"csp_nonce": "" if nonce is None else str(nonce)}


# What a lost or refused database connection raises (psycopg2's, SQLite's), as Django wraps them.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable(request) -> HttpResponse:
    """The NHS-styled 503 "service unavailable" page, with Retry-After. It needs no request
    and runs no query (the site's context processor would), so it renders with the database
    down. Given by server_error for any database connection error, wherever it was raised:
    in a view, a template or a middleware (the session's save)."""
    page = loader.get_template("toolkit/503.jinja").render(_without_queries(request))
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def media(request, path):
    """Uploaded images, when Django serves them (SERVE_MEDIA: development and tests)."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name too long for the file system, say
        raise Http404 from error
