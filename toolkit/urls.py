from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from pages import views as pages
from toolkit import converters, views
from toolkit.sitemaps import SITEMAPS

converters.register()  # before the apps' URLconfs below use them

handler400 = "toolkit.views.bad_request"
handler403 = "toolkit.views.permission_denied"
handler404 = "toolkit.views.page_not_found"
handler500 = "toolkit.views.server_error"

urlpatterns = [
    path("", pages.home, name="home"),
    path("admin/", admin.site.urls),
    path("professions/", include("professions.urls")),
    # Before the case studies' <slug:slug>/, which would otherwise take it.
    path("case-studies/submit/", include("submissions.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("careers/", include("careers.urls")),
    path("checklist/", include("checklist.urls")),
    path("alerts/", include("alerts.urls")),
    path("search/", views.search, name="search"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy_notice, name="privacy"),
    path("cookies/", pages.cookies, name="cookies"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("<slug255:slug>/", pages.page_detail, name="page"),
]

if settings.SERVE_MEDIA:
    # Development (and the browser tests) only: in production the web server serves MEDIA_ROOT.
    urlpatterns.insert(
        0,
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$",
            views.media,
            name="media",
        ),
    )
