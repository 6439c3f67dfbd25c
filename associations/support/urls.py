from django.urls import path

from associations.support import views

app_name = "support"

urlpatterns = [
    path("", views.my_requests, name="mine"),
    path("nouvelle/", views.new_request, name="new"),
    path("instruction/", views.queue, name="queue"),
    path("enveloppes/", views.envelopes, name="envelopes"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit_request, name="edit"),
    path("<int:pk>/etape/<slug:name>/", views.take_step, name="step"),
    path("<int:pk>/messages/", views.post_message, name="message"),
    path("<int:pk>/pieces/", views.upload_attachment, name="upload"),
    path("<int:pk>/pieces/<int:attachment_pk>/", views.download_attachment, name="attachment"),
    path("<int:pk>/pieces/<int:attachment_pk>/retirer/", views.delete_attachment, name="delete_attachment"),
    path("<int:pk>/notes/", views.add_note, name="note"),
    path("<int:pk>/instructeur/", views.assign, name="assign"),
    path("<int:pk>/attribuer/", views.decide_grant, name="grant"),
]
