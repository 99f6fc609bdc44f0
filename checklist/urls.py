from django.urls import path

from checklist import action_views, paper, record_files, views

app_name = "checklist"

urlpatterns = [
    path("", views.checklist_index, name="index"),
    path("start/", views.start, name="start"),
    path("start/from-file/", record_files.start_from_file, name="start-from-file"),
    path("progress/<str:token>/", views.progress, name="progress"),
    path("progress/<str:token>/replace-link/", views.replace_link, name="progress-replace"),
    path("progress/<str:token>/delete/", views.delete, name="progress-delete"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path(
        "progress/<str:token>/actions/<str:number>/",
        action_views.progress_action,
        name="progress-action",
    ),
    path(
        "shared/<str:token>/actions/<str:number>/",
        action_views.shared_action,
        name="shared-action",
    ),
]
# The board paper, as a page (with its page header's stylesheet), a PDF, a CSV and a JSON
# file, under either link.
for prefix, access in [("progress", views.EDIT), ("shared", views.READ)]:
    urlpatterns += [
        path(f"{prefix}/<str:token>/{suffix}", view, {"access": access}, name=f"{prefix}-{name}")
        for suffix, view, name in [
            ("print/", paper.paper, "print"),
            ("print/page.css", paper.page_css, "page-css"),
            ("progress.pdf", paper.paper_pdf, "pdf"),
            ("progress.csv", paper.paper_csv, "csv"),
            ("progress.json", paper.paper_json, "json"),
        ]
    ]
