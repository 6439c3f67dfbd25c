from django.urls import path

from solidarite.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.csv", views.table_csv, name="csv"),
]
