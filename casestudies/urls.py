from django.urls import path
from django.views.decorators.http import require_safe

from casestudies import views
from casestudies.feeds import CaseStudyFeed

app_name = "casestudies"
urlpatterns = [
    path("", views.case_study_list, name="list"),
    # Fixed paths before <slug:slug>/, which would otherwise take them.
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.json", views.export_json, name="export-json"),
    path("feed/", require_safe(CaseStudyFeed()), name="feed"),
    path("evidence-map/", views.evidence_map, name="evidence-map"),
    path("<slug:slug>/", views.case_study_detail, name="detail"),
]
