"""Nobody is sent to a refusal: the week page shows « Réserver cette salle » and links on free slots only to
those the booking page accepts (the same predicate, ``services.booking_refusal``), and tells the others why
and what they can do instead."""

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.directory.models import Association
from associations.rooms.models import Room
from tests.helpers import plain, text
from tests.rooms.factories import AssociationFactory, RoomFactory, manager_of

BOOK_LABEL = "Réserver cette salle"
WHY = "Seules les associations de l'annuaire peuvent réserver cette salle."


def week_page(client, room):
    return plain(text(client.get(room.get_absolute_url())))


def book_links(page, room):
    return page.count(reverse("rooms:book", args=[room.slug]))


@pytest.fixture
def associations_room(db):
    return RoomFactory(open_to=Room.OpenTo.ASSOCIATIONS)


@pytest.fixture
def neighbours_room(db):
    return RoomFactory(open_to=Room.OpenTo.NEIGHBOURS)


def test_a_neighbour_sees_no_booking_link_but_why_and_how_to_become_one(client_for, user, associations_room):
    client = client_for(user)
    page = week_page(client, associations_room)
    assert BOOK_LABEL not in page and book_links(page, associations_room) == 0, "no « Libre » link either"
    assert WHY in page and reverse("directory:request") in page
    # The page says what the server does: the booking page refuses with the same words.
    refused = client.get(reverse("rooms:book", args=[associations_room.slug]))
    assert refused.status_code == 403 and WHY in plain(text(refused))


def test_a_visitor_is_told_the_same_and_offered_to_sign_in(client, associations_room):
    page = week_page(client, associations_room)
    assert BOOK_LABEL not in page and book_links(page, associations_room) == 0
    assert WHY in page and reverse("accounts:login") in page


def test_a_manager_of_a_verified_association_sees_the_link_and_free_slots(client_for, associations_room):
    manager = manager_of(AssociationFactory())
    page = week_page(client_for(manager), associations_room)
    assert BOOK_LABEL in page and book_links(page, associations_room) > 1
    assert WHY not in page
    assert client_for(manager).get(reverse("rooms:book", args=[associations_room.slug])).status_code == 200


def test_a_manager_of_an_association_not_yet_verified_is_told_to_wait(client_for, associations_room):
    manager = manager_of(AssociationFactory(status=Association.Status.PENDING))
    page = week_page(client_for(manager), associations_room)
    assert BOOK_LABEL not in page and book_links(page, associations_room) == 0
    assert "Seules les associations vérifiées par la mairie peuvent réserver cette salle." in page


def test_a_neighbour_books_a_room_open_to_neighbours_and_a_visitor_is_asked_to_sign_in(
    client, client_for, user, neighbours_room
):
    page = week_page(client_for(user), neighbours_room)
    assert BOOK_LABEL in page and book_links(page, neighbours_room) > 1 and WHY not in page
    page = week_page(client, neighbours_room)
    assert BOOK_LABEL not in page and book_links(page, neighbours_room) == 0
    assert "Connectez-vous pour réserver cette salle." in page


def test_a_suspended_account_is_told_why(client_for, user, neighbours_room):
    user.suspended_at = timezone.now()
    user.save(update_fields=["suspended_at"])
    page = week_page(client_for(user), neighbours_room)
    assert BOOK_LABEL not in page and book_links(page, neighbours_room) == 0
    assert "Votre compte ne permet pas de réserver" in page
