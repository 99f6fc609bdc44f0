from django.urls import path

from professions import views

app_name = "professions"
urlpatterns = [
    path("", views.profession_list, name="list"),
    path("compare/", views.profession_compare, name="compare"),
    path("registered-numbers.csv", views.figures_download, name="figures-csv"),
    path("<slug255:slug>/", views.profession_detail, name="detail"),
]
