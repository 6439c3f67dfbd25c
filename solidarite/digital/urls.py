from django.urls import path

from solidarite.digital import datainclusion, views

app_name = "digital"

urlpatterns = [
    path("", views.place_list, name="places"),
    path("carte/", views.place_map, name="map"),
    path("lieux/nouveau/", views.place_create, name="place_create"),
    path("lieux/<id:pk>/", views.place_detail, name="place"),
    path("lieux/<id:pk>/modifier/", views.place_edit, name="place_edit"),
    path("donnees/lieux-mediation-numerique.json", views.export_json, name="export_json"),
    path("donnees/lieux-mediation-numerique.csv", views.export_csv, name="export_csv"),
    path("donnees/services.json", datainclusion.services_json, name="services_json"),
    path("donnees/structures.json", datainclusion.structures_json, name="structures_json"),
]
