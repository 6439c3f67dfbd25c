from django.urls import path

from associations.rooms import views
from solidarite import converters  # noqa: F401 - registers <id:…>, the only integer id of our URLs

app_name = "rooms"

urlpatterns = [
    path("", views.room_list, name="list"),
    path("mes-reservations/", views.mine, name="mine"),
    path("mes-reservations/calendrier/", views.new_feed_token, name="new_feed_token"),
    path("a-valider/", views.queue, name="queue"),
    path("reservations/<id:pk>/annuler/", views.cancel, name="cancel"),
    path("reservations/<id:pk>/<slug:decision>/", views.decide, name="decide"),
    path("flux/<str:token>.ics", views.private_feed, name="private_feed"),
    path("associations/<slug:slug>/calendrier.ics", views.association_feed, name="association_feed"),
    path("<slug:slug>/", views.week, name="week"),
    path("<slug:slug>/reserver/", views.book, name="book"),
    path("<slug:slug>/journee/", views.daily_sheet, name="daily"),
    path("<slug:slug>/calendrier.ics", views.room_feed, name="room_feed"),
    path("<slug:slug>/photos/<id:pk>/<str:name>", views.photo, name="photo"),
]
