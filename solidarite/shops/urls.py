from django.urls import path

from solidarite import converters  # noqa: F401 - registers <id:…>, the only integer id of our URLs
from solidarite.shops import feeds, views

app_name = "shops"

urlpatterns = [
    path("", views.shop_list, name="list"),
    path("carte/", views.shop_map, name="map"),
    path("nouveau/", views.shop_create, name="create"),
    path("mes-commerces/", views.my_shops, name="mine"),
    path("verification/", views.verification_queue, name="verification"),
    path("demandes/<id:pk>/accepter/", views.claim_approve, name="claim_approve"),
    path("demandes/<id:pk>/refuser/", views.claim_reject, name="claim_reject"),
    path("initiatives/", views.initiative_list, name="initiatives"),
    path("initiatives/flux.rss", feeds.InitiativesFeed(), name="initiatives_rss"),
    path("initiatives/flux.atom", feeds.InitiativesAtomFeed(), name="initiatives_atom"),
    path("initiatives/<id:pk>/", views.initiative_detail, name="initiative"),
    path("initiatives/<id:pk>/modifier/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<id:pk>/terminer/", views.initiative_end, name="initiative_end"),
    path("<slug:slug>/", views.shop_detail, name="detail"),
    path("<slug:slug>/modifier/", views.shop_edit, name="edit"),
    path("<slug:slug>/gerer/", views.shop_claim, name="claim"),
    path("<slug:slug>/verifier/", views.shop_verify, name="verify"),
    path("<slug:slug>/masquer/", views.shop_hide, name="hide"),
    path("<slug:slug>/afficher/", views.shop_show, name="show"),
    path("<slug:slug>/initiatives/nouvelle/", views.initiative_create, name="initiative_create"),
]
