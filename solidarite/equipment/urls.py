from django.urls import path

from solidarite.equipment import views

app_name = "equipment"

urlpatterns = [
    path("", views.home, name="home"),
    path("demander/", views.ask, name="ask"),
    path("mes-demandes/", views.mine, name="mine"),
    path("demandes/<id:pk>/", views.request_detail, name="request"),
    path("demandes/<id:pk>/pret/", views.request_lend, name="request_lend"),
    path("demandes/<id:pk>/<slug:step>/", views.request_step, name="request_step"),
    path("lots/", views.batches, name="batches"),
    path("appareils/<id:pk>/retirer/", views.device_withdraw, name="device_withdraw"),
    path("appareils/<id:pk>/garder-pour-le-pret/", views.device_keep_for_loans, name="device_keep_for_loans"),
    path("suivi/", views.desk, name="desk"),
    path("reconditionneurs/", views.refurbishers, name="refurbishers"),
]
