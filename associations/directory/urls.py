from django.urls import path

from associations.directory import action_views, manager_views, opendata, staff_views, views
from solidarite import converters  # noqa: F401 - registers <id:…>, the only integer id of our URLs

# The agenda's routes join this namespace in solidarite/urls.py (associations/agenda/urls.py).
app_name = "directory"

urlpatterns = [
    path("associations/", views.directory, name="list"),
    path("associations/proposer/", views.association_request, name="request"),
    path("associations/verification/", staff_views.verification_queue, name="verification"),
    path("associations/donnees/structures.json", opendata.structures_json, name="structures_json"),
    path("associations/donnees/structures.csv", opendata.structures_csv, name="structures_csv"),
    path("associations/<slug:slug>/", views.association_detail, name="detail"),
    path("associations/<slug:slug>/modifier/", views.association_edit, name="edit"),
    path("associations/<slug:slug>/responsables/", manager_views.managers, name="managers"),
    path(
        "associations/<slug:slug>/responsables/invitations/<id:pk>/annuler/",
        manager_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("associations/<slug:slug>/quitter/", manager_views.leave, name="leave"),
    path("associations/<slug:slug>/nouvelle-action/", action_views.action_create, name="action_create"),
    path("associations/<slug:slug>/verifier/", staff_views.verify, name="verify"),
    path("associations/<slug:slug>/refuser/", staff_views.refuse, name="refuse"),
    path("associations/<slug:slug>/masquer/", staff_views.hide, name="hide"),
    path("associations/<slug:slug>/afficher/", staff_views.show, name="show"),
    path("associations/<slug:slug>/fusionner/", staff_views.merge, name="merge"),
    path("associations/<slug:slug>/code-postal/", staff_views.postal_code_exception, name="postal_code_exception"),
    # Invitations to become a manager: the e-mail's link (a token), then the answer (signed in).
    path("invitations/", manager_views.my_invitations, name="my_invitations"),
    path("invitations/<id:pk>/<slug:answer>/", manager_views.invitation_answer, name="invitation_answer"),
    path("invitations/<str:token>/", manager_views.invitation, name="invitation"),
    path("agenda/actions/<id:pk>/", action_views.action_detail, name="action"),
    path("agenda/actions/<id:pk>/modifier/", action_views.action_edit, name="action_edit"),
    path("agenda/actions/<id:pk>/annuler/", action_views.action_cancel, name="action_cancel"),
    path("agenda/actions/<id:pk>/participer/", action_views.participate, name="participate"),
    path("agenda/actions/<id:pk>/se-desinscrire/", action_views.withdraw, name="withdraw"),
]
