"""Issue 13, item 2: a notification that names someone keeps their id, never their name, and every
reader (the live push, the replay on reconnect, the page, the API) renders the name from the
current row: a renamed person shows their new name, an erased one "compte supprimé"."""

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse
from rest_framework.test import APIClient

from solidarite.notifications.models import Notification
from solidarite.notifications.services import notify
from tests.factories import UserFactory
from tests.sockets import connected, receive, receive_until, session_cookie

OFFERED = "help.help_offered"  # registered by the help app: "%(name)s propose de vous aider"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_the_push_and_the_replay_name_the_person_as_they_are_now(user):
    zoe = await sync_to_async(UserFactory)(display_name="Zoé R.")
    socket = await connected(await sync_to_async(session_cookie)(user))
    saved = await sync_to_async(notify)(user, OFFERED, {"people": {"name": zoe.pk}, "body": "à 600 m"})
    pushed = await receive(socket)
    assert (pushed["title"], pushed["body"]) == ("Zoé R. propose de vous aider", "à 600 m")
    assert "refs" not in pushed and "Zoé" not in str(pushed["data"])
    await socket.disconnect()

    zoe.display_name = "Zoé Rivière"
    await sync_to_async(zoe.save)()
    socket = await connected(await sync_to_async(session_cookie)(user), path="/ws/?last_id=0")
    assert (await receive_until(socket, "replayed"))[0]["title"] == "Zoé Rivière propose de vous aider"
    await socket.disconnect()

    await sync_to_async(zoe.delete)()
    socket = await connected(await sync_to_async(session_cookie)(user), path="/ws/?last_id=0")
    assert (await receive_until(socket, "replayed"))[0]["title"] == "Compte supprimé propose de vous aider"
    await socket.disconnect()
    stored = await sync_to_async(Notification.objects.filter(pk=saved.pk).values_list)("title", flat=True)
    assert await sync_to_async(list)(stored) == ["Compte supprimé propose de vous aider"]


@pytest.mark.django_db
def test_the_page_and_the_api_render_the_name_and_the_row_never_stores_it(user, client_for):
    zoe = UserFactory(display_name="Zoé R.")
    notify(user, "help.message", {"people": {"name": zoe.pk}, "url": "/"})
    row = Notification.objects.values("title", "body").get()
    assert "Zoé" not in row["title"] + row["body"]
    page = client_for(user).get(reverse("notifications:list")).content.decode()
    api = APIClient()
    api.force_authenticate(user)
    listed = api.get("/api/v1/notifications/").json()["results"][0]
    assert "Nouveau message de Zoé R." in page and listed["title"] == "Nouveau message de Zoé R."
    assert "refs" not in listed

    # Saving a rendered instance (the admin does) writes the neutral text back, not the name.
    rendered = Notification.objects.get()
    assert rendered.title == "Nouveau message de Zoé R."
    rendered.save()
    assert "Zoé" not in Notification.objects.values_list("title", flat=True).get()

    zoe.delete()
    assert "Nouveau message de compte supprimé" in client_for(user).get(reverse("notifications:list")).content.decode()


@pytest.mark.django_db
def test_rows_written_before_with_the_name_in_their_text_are_scrubbed_on_erase(user):
    from solidarite.accounts.services import erase_account

    zoe = UserFactory(display_name="Zoé R.")
    Notification.objects.create(user=user, kind=OFFERED, title="Zoé R. propose de vous aider")
    Notification.objects.create(
        user=user, kind="help.match_proposed", title="Pour Zoé R. : un titre sans nom enregistré"
    )
    erase_account(user=zoe)
    assert sorted(Notification.objects.values_list("title", flat=True)) == [
        "Pour Zoé R. : un titre sans nom enregistré",  # not a kind that names people: left alone
        "compte supprimé propose de vous aider",
    ]
