from django.urls import path

from checklist import action_views, views

app_name = "checklist"

urlpatterns = [
    path("", views.checklist_index, name="index"),
    path("start/", views.start, name="start"),
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
# The board paper, as a page, a PDF and a CSV, under either link.
for prefix, access in [("progress", views.EDIT), ("shared", views.READ)]:
    urlpatterns += [
        path(
            f"{prefix}/<str:token>/print/", views.paper, {"access": access}, name=f"{prefix}-print"
        ),
        path(
            f"{prefix}/<str:token>/progress.pdf",
            views.paper_pdf,
            {"access": access},
            name=f"{prefix}-pdf",
        ),
        path(
            f"{prefix}/<str:token>/progress.csv",
            views.paper_csv,
            {"access": access},
            name=f"{prefix}-csv",
        ),
    ]
