from django.urls import path

from solidarite.repairs import views

app_name = "repairs"

urlpatterns = [
    path("", views.index, name="index"),
    path("mes-objets/", views.mine, name="mine"),
    path("suivre/<slug:slug>/", views.follow, name="follow"),
    path("actions/<id:pk>/", views.sessions_of, name="session_list_of"),
    path("actions/<id:pk>/repair-cafe/", views.mark, name="mark"),
    path("sessions/<id:pk>/<str:day>/", views.session_detail, name="session"),
    path("objets/<id:pk>/<slug:step>/", views.record_step, name="record_step"),
    path("calendrier/<str:token>.ics", views.feed, name="feed"),
    path("donnees/ords.csv", views.ords_csv, name="ords_csv"),
]
