from django.urls import path

from solidarite.grocery import datainclusion, surplus_views, views, work_views

app_name = "grocery"

urlpatterns = [
    path("", views.grocery_list, name="list"),
    path("acces/", views.access, name="access"),
    path("acces/mon-espace/", views.space, name="space"),
    path("acces/reserver/", views.space_book, name="space_book"),
    path("acces/annuler/<id:pk>/", views.space_cancel, name="space_cancel"),
    path("acces/panier/<id:pk>/", views.space_basket, name="space_basket"),
    path("acces/quitter/", views.space_leave, name="space_leave"),
    path("acces/contact/", views.space_link, name="space_link"),
    path("orientations/", work_views.orientations, name="orientations"),
    path("orientations/nouvelle/", work_views.orient, name="orient"),
    path("orientations/<id:pk>/", work_views.orientation_detail, name="orientation"),
    path("orientations/<id:pk>/<slug:step>/", work_views.orientation_step, name="orientation_step"),
    path("prescripteurs/", work_views.prescribers, name="prescribers"),
    path("donnees/services.json", datainclusion.services_json, name="services_json"),
    path("donnees/structures.json", datainclusion.structures_json, name="structures_json"),
    path("invendus/", surplus_views.surplus_list, name="surplus"),
    path("invendus/proposer/", surplus_views.surplus_new, name="surplus_new"),
    path("invendus/<id:pk>/<slug:step>/", surplus_views.surplus_step, name="surplus_step"),
    path("<slug:slug>/", views.grocery_detail, name="detail"),
    path("<slug:slug>/caisse/", work_views.till, name="till"),
    path("<slug:slug>/journee/", work_views.day, name="day"),
    path("<slug:slug>/benevoles/", work_views.volunteers, name="volunteers"),
    path("<slug:slug>/besoins/", surplus_views.needs, name="needs"),
    path("<slug:slug>/stock/", surplus_views.stock_page, name="stock"),
]
