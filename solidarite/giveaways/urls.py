from django.urls import path

from solidarite.giveaways import views

app_name = "giveaways"

urlpatterns = [
    path("", views.gift_list, name="list"),
    path("donner/", views.gift_new, name="gift_new"),
    path("chercher/", views.wish_new, name="wish_new"),
    path("mes-dons/", views.mine, name="mine"),
    path("moderation/", views.moderation_list, name="moderation"),
    path("moderation/<id:pk>/<slug:action>/", views.moderate, name="moderate"),
    path("signaler/<slug:kind>/<id:pk>/", views.report, name="report"),
    path("souhaits/<id:pk>/", views.wish_detail, name="wish"),
    path("souhaits/<id:pk>/fermer/", views.wish_close, name="wish_close"),
    path("mises-en-relation/<id:pk>/<slug:step>/", views.match_step, name="match_step"),
    path("<id:pk>/", views.gift_detail, name="gift"),
    path("<id:pk>/photos/", views.photo_add, name="photo_add"),
    path("<id:pk>/photos/<id:photo_pk>/<str:name>", views.photo, name="photo"),
    path("<id:pk>/<slug:step>/", views.gift_step, name="gift_step"),
]
