from django.urls import path

from solidarite.gardens import manage_views, opendata, views

app_name = "gardens"

urlpatterns = [
    path("", views.garden_list, name="list"),
    path("mes-demandes/", views.mine, name="mine"),
    path("propositions/<id:pk>/<slug:step>/", views.offer_step, name="offer_step"),
    path("demandes/<id:pk>/retirer/", views.withdraw, name="withdraw"),
    path("parcelles/<id:pk>/<slug:step>/", manage_views.plot_step, name="plot_step"),
    path("attributions/<id:pk>/convention/", manage_views.agreement, name="agreement"),
    path("donnees/jardins.geojson", opendata.gardens_geojson, name="gardens_geojson"),
    path("donnees/arbres.geojson", opendata.trees_geojson, name="trees_geojson"),
    path("vergers/<slug:slug>/", views.orchard_detail, name="orchard"),
    path("vergers/<slug:slug>/suivre/", views.follow, name="follow"),
    path("vergers/<slug:slug>/mur/", views.ripe, name="ripe"),
    path("vergers/<slug:slug>/actions/", manage_views.orchard_actions, name="orchard_actions"),
    path("<slug:slug>/", views.garden_detail, name="garden"),
    path("<slug:slug>/inscription/", views.apply, name="apply"),
    path("<slug:slug>/gestion/", manage_views.manage, name="manage"),
    path("<slug:slug>/actions/", manage_views.garden_actions, name="garden_actions"),
]
