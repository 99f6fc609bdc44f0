from django.urls import path

from professions import views

app_name = "professions"
urlpatterns = [
    path("", views.profession_list, name="list"),
    path("<slug:slug>/", views.profession_detail, name="detail"),
]
