from django.urls import path

from solidarite import converters  # noqa: F401 - registers <id:…>, the only integer id of our URLs
from solidarite.help import match_views, moderation_views, views

app_name = "help"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("propositions/", views.offer_feed, name="offer_feed"),
    path("demander/", views.request_new, name="request_new"),
    path("proposer/", views.offer_new, name="offer_new"),
    path("mes-annonces/", views.my_posts, name="my_posts"),
    path("demandes/<id:pk>/", views.request_detail, name="request"),
    path("demandes/<id:pk>/modifier/", views.request_edit, name="request_edit"),
    path("demandes/<id:pk>/fermer/", views.request_close, name="request_close"),
    path("propositions/<id:pk>/", views.offer_detail, name="offer"),
    path("propositions/<id:pk>/<slug:action>/", views.offer_status, name="offer_status"),
    path("mises-en-relation/<id:pk>/", match_views.match_detail, name="match"),
    path("mises-en-relation/<id:pk>/<slug:name>/", match_views.match_transition, name="match_transition"),
    path("signaler/<slug:kind>/<id:pk>/", moderation_views.report_new, name="report"),
    path("moderation/", moderation_views.moderation, name="moderation"),
    path("moderation/<id:pk>/", moderation_views.moderate, name="moderate"),
]
