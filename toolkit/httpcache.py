"""HTTP caching of the public pages (README "HTTP caching").

A public page is the same for every visitor but for its CSP nonce, so its validators come from
what it is made of, not from its bytes: the content version (editorial.contentversion), the
code version (code, templates, static manifest, locked dependencies) and the URL. A conditional
GET or HEAD still matching them is answered 304 before the view runs.
"""

import hashlib
import os
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from editorial import contentversion

# The views whose pages are public and the same for every visitor. Not the checklist's (its
# index holds a form with a CSRF token; the rest are capability pages, never stored), nor the
# admin's, nor a page a form posts to.
PUBLIC_VIEWS = frozenset(
    {
        "home",
        "page",
        "accessibility",
        "privacy",
        "cookies",
        "search",
        "sitemap",
        "professions:list",
        "professions:compare",
        "professions:figures-csv",
        "professions:detail",
        "casestudies:list",
        "casestudies:export-csv",
        "casestudies:export-json",
        "casestudies:feed",
        "casestudies:evidence-pack-pdf",
        "casestudies:evidence-pack-docx",
        "casestudies:evidence-map",
        "casestudies:detail",
        "careers:index",
        "careers:pathways",
        "careers:step",
        "careers:stories",
        "careers:story",
        "careers:resources",
    }
)
# Any cache (a browser's, a CDN) may keep the page but asks again before each use: the 304
# costs no view and, the content version being cached, no query; a publish shows at once,
# with nothing to purge.
PUBLIC = "public, no-cache"
# A visitor with a session (an editor) or a message waiting is never served from a cache.
PRIVATE = "private, no-store"

SOURCE_SUFFIXES = {".py", ".jinja", ".html", ".yaml", ".css", ".js", ".lock", ".toml"}
SKIPPED = {".venv", "node_modules", "var", "tests", ".git", "test-results", "docs", "staticfiles"}


@once
def code_version() -> str:
    """The deployed code: DJANGO_RELEASE when the deployment names it, else a hash of the
    project's code, templates, static files and their manifest, and locked dependencies: the
    same on every server running the same tree."""
    if release := os.environ.get("DJANGO_RELEASE"):
        return release
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for path in sorted(_source_files(base)):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def _source_files(base: Path):
    for directory, subdirectories, files in os.walk(base):
        subdirectories[:] = [name for name in subdirectories if name not in SKIPPED]
        for name in files:
            if Path(name).suffix in SOURCE_SUFFIXES:
                yield Path(directory) / name


def validators(request):
    """(ETag, Last-Modified as a datetime or None) of a public page."""
    version = contentversion.current()
    parts = [code_version(), version["tag"], request.path, request.META.get("QUERY_STRING", "")]
    tag = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    # Weak: the bytes differ (the nonce); what the page says does not.
    return f'W/"{tag}"', version["modified"]


def shared(request) -> bool:
    """Whether the response may be one a cache serves to anyone."""
    return not {settings.SESSION_COOKIE_NAME, "messages"} & set(request.COOKIES)


class PublicCacheMiddleware:
    """ETag, Last-Modified and Cache-Control on the public pages (PUBLIC_VIEWS), and a 304 to a
    conditional request still matching them, by the rules of Django's ``condition`` decorator.

    Listed before the CSP, session, CSRF and messages middleware: it sees the response as it
    leaves, so a page that set a cookie or varies on one is not marked for caches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        found = getattr(request, "public_validators", None)
        if found is None:
            return response
        if not shared(request):
            response["Cache-Control"] = PRIVATE
            return response
        if response.status_code == 304:
            # No CSP: a cache updates the stored page's headers from a 304's, and this one's
            # policy would not name the nonce in the stored page.
            response.headers.pop("Content-Security-Policy", None)
            # CommonMiddleware's "0" would be the length of a page with nothing in it (RFC 9110
            # 8.6 allows only the stored page's).
            response.headers.pop("Content-Length", None)
        elif response.status_code != 200 or response.cookies or _varies_on_cookie(response):
            return response
        etag, modified = found
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified.timestamp())
        response["Cache-Control"] = PUBLIC
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if request.resolver_match.view_name not in PUBLIC_VIEWS:
            return None
        etag, modified = validators(request)
        request.public_validators = (etag, modified)
        if not shared(request):
            return None
        return get_conditional_response(
            request, etag=etag, last_modified=int(modified.timestamp()) if modified else None
        )


def _varies_on_cookie(response) -> bool:
    return "cookie" in response.get("Vary", "").lower()
