from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("new/", views.new_alert, name="new"),
    path("check-your-email/", views.check_email, name="check-email"),
    path("confirm/<token:token>/", views.confirm, name="confirm"),
    path("manage/<signed:token>/", views.manage, name="manage"),
    path("unsubscribe/<signed:token>/", views.unsubscribe, name="unsubscribe"),
]
