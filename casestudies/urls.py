from django.urls import path
from django.views.decorators.http import require_safe

from casestudies import views
from casestudies.evidence_pack import views as evidence_pack
from casestudies.feeds import CaseStudyFeed

app_name = "casestudies"
urlpatterns = [
    path("", views.case_study_list, name="list"),
    # Fixed paths before <slug255:slug>/, which would otherwise take them.
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.json", views.export_json, name="export-json"),
    path("feed/", require_safe(CaseStudyFeed()), name="feed"),
    # The evidence pack (issue 15): the filtered set as a document for a business case.
    path("evidence-pack.pdf", evidence_pack.evidence_pack_pdf, name="evidence-pack-pdf"),
    path("evidence-pack.docx", evidence_pack.evidence_pack_docx, name="evidence-pack-docx"),
    path("evidence-map/", views.evidence_map, name="evidence-map"),
    path("<slug255:slug>/", views.case_study_detail, name="detail"),
]
