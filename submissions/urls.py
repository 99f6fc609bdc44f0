from django.urls import path

from submissions import views

app_name = "submissions"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("sent/<signed:token>/", views.sent, name="sent"),
]
