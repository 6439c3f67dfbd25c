from django.urls import path

from associations.support import views
from solidarite import converters  # noqa: F401 - registers <id:…>, the only integer id of our URLs

app_name = "support"

urlpatterns = [
    path("", views.my_requests, name="mine"),
    path("nouvelle/", views.new_request, name="new"),
    path("instruction/", views.queue, name="queue"),
    path("enveloppes/", views.envelopes, name="envelopes"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/modifier/", views.edit_request, name="edit"),
    path("<id:pk>/etape/<slug:name>/", views.take_step, name="step"),
    path("<id:pk>/messages/", views.post_message, name="message"),
    path("<id:pk>/pieces/", views.upload_attachment, name="upload"),
    path("<id:pk>/pieces/<id:attachment_pk>/", views.download_attachment, name="attachment"),
    path("<id:pk>/pieces/<id:attachment_pk>/retirer/", views.delete_attachment, name="delete_attachment"),
    path("<id:pk>/notes/", views.add_note, name="note"),
    path("<id:pk>/instructeur/", views.assign, name="assign"),
    path("<id:pk>/attribuer/", views.decide_grant, name="grant"),
]
