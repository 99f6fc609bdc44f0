from django.urls import path

from checklist import views

app_name = "checklist"
urlpatterns = [
    path("", views.checklist_index, name="index"),
]
