from django.urls import path

from solidarite.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("tout-lu/", views.mark_all_read, name="mark_all_read"),
]
