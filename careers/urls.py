from django.urls import path

from careers import views

app_name = "careers"
urlpatterns = [
    path("", views.careers_index, name="index"),
    path("stories/", views.story_list, name="stories"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path("resources/", views.resource_list, name="resources"),
]
