from django.urls import path

from checklist import action_views, paper, record_files, system_paper, system_views, views

app_name = "checklist"

urlpatterns = [
    path("", views.checklist_index, name="index"),
    path("start/", views.start, name="start"),
    path("start/from-file/", record_files.start_from_file, name="start-from-file"),
    path("progress/<token:token>/", views.progress, name="progress"),
    path("progress/<token:token>/replace-link/", views.replace_link, name="progress-replace"),
    path("progress/<token:token>/delete/", views.delete, name="progress-delete"),
    path("shared/<token:token>/", views.shared, name="shared"),
    path(
        "progress/<token:token>/actions/<number:number>/",
        action_views.progress_action,
        name="progress-action",
    ),
    path(
        "shared/<token:token>/actions/<number:number>/",
        action_views.shared_action,
        name="shared-action",
    ),
]
# The board paper, as a page (with its page header's stylesheet), a PDF, a CSV and a JSON
# file, under either link.
for prefix, access in [("progress", views.EDIT), ("shared", views.READ)]:
    urlpatterns += [
        path(f"{prefix}/<token:token>/{suffix}", view, {"access": access}, name=f"{prefix}-{name}")
        for suffix, view, name in [
            ("print/", paper.paper, "print"),
            ("print/page.css", paper.page_css, "page-css"),
            ("progress.pdf", paper.paper_pdf, "pdf"),
            ("progress.csv", paper.paper_csv, "csv"),
            ("progress.json", paper.paper_json, "json"),
        ]
    ]

# System views over several records (issue 12, item 6). "systems/start/" comes first: the
# token route would otherwise take "start" for a (bad) token.
urlpatterns += [
    path("systems/start/", system_views.start, name="system-start"),
    path("systems/shared/<token:token>/", system_views.shared, name="system-shared"),
    path("systems/<token:token>/", system_views.system, name="system"),
    path("systems/<token:token>/change/", system_views.change, name="system-change"),
    path("systems/<token:token>/delete/", system_views.delete, name="system-delete"),
]
for prefix, access, name_prefix in [
    ("systems", views.EDIT, "system"),
    ("systems/shared", views.READ, "system-shared"),
]:
    urlpatterns += [
        path(
            f"{prefix}/<token:token>/{suffix}",
            view,
            {"access": access},
            name=f"{name_prefix}-{name}",
        )
        for suffix, view, name in [
            ("print/", system_paper.paper, "print"),
            ("print/page.css", system_paper.page_css, "page-css"),
            ("system.pdf", system_paper.paper_pdf, "pdf"),
            ("system.csv", system_paper.paper_csv, "csv"),
        ]
    ]
