from django.urls import path

from solidarite.rights import datainclusion, views, waitlist_views
from solidarite.rights import mandate_views as mandates
from solidarite.rights import permanence_views as permanences

app_name = "rights"

urlpatterns = [
    path("", views.aid_list, name="aids"),
    path("aides/nouvelle/", views.aid_create, name="aid_create"),
    path("aides/<slug:slug>/", views.aid_detail, name="aid"),
    path("aides/<slug:slug>/modifier/", views.aid_edit, name="aid_edit"),
    path("aides/<slug:slug>/verifiee/", views.aid_reviewed, name="aid_reviewed"),
    path("aides/<slug:slug>/historique/", views.aid_history, name="aid_history"),
    path("points-d-accueil/", views.place_list, name="places"),
    path("points-d-accueil/<slug:slug>/", views.place_detail, name="place"),
    path("permanences/<slug:slug>/", permanences.permanence_detail, name="permanence"),
    path("permanences/<slug:slug>/reserver/", permanences.book, name="book"),
    path("permanences/<slug:slug>/agenda/", permanences.agent_day, name="agent_day"),
    path("permanences/<slug:slug>/liste-d-attente/", waitlist_views.join, name="waitlist_join"),
    path("liste-d-attente/<id:pk>/retirer/", waitlist_views.withdraw, name="waitlist_withdraw"),
    path("rendez-vous/", permanences.my_appointments, name="my_appointments"),
    path("rendez-vous/<id:pk>/", permanences.appointment_detail, name="appointment"),
    path("rendez-vous/<id:pk>/<slug:step>/", permanences.appointment_step, name="appointment_step"),
    path("rendez-vous/calendrier/<str:token>.ics", permanences.agent_feed, name="agent_feed"),
    path("mandats/", mandates.mandate_list, name="mandates"),
    path("mandats/nouveau/", mandates.mandate_create, name="mandate_create"),
    path("mandats/<id:pk>/", mandates.mandate_detail, name="mandate"),
    path("mandats/<id:pk>/imprimer/", mandates.mandate_print, name="mandate_print"),
    path("mandats/<id:pk>/<slug:step>/", mandates.mandate_step, name="mandate_step"),
    path("mediateurs/", mandates.mediators, name="mediators"),
    path("mediateurs/<id:pk>/retirer/", mandates.mediator_withdraw, name="mediator_withdraw"),
    path("donnees/services.json", datainclusion.services_json, name="services_json"),
    path("donnees/structures.json", datainclusion.structures_json, name="structures_json"),
]
