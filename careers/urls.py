from django.urls import path

from careers import views

app_name = "careers"
urlpatterns = [
    path("", views.careers_index, name="index"),
    path("pathways/", views.pathway_list, name="pathways"),
    path("pathways/<slug255:slug>/", views.step_detail, name="step"),
    path("stories/", views.story_list, name="stories"),
    path("stories/<slug255:slug>/", views.story_detail, name="story"),
    path("resources/", views.resource_list, name="resources"),
]
