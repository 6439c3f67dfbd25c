"""A person's room data: exported, then erased (own bookings deleted, association bookings kept anonymous)."""

from associations.rooms import personal_data, services
from associations.rooms.models import Booking, Transition
from solidarite.accounts.personal_data import export_personal_data
from solidarite.accounts.services import erase_account
from solidarite.calendars import services as calendars
from solidarite.calendars.models import FeedToken
from tests.rooms.factories import RoomFactory


def test_export_then_erase(room, association, manager, slot):
    start, end = slot
    kept = services.book(room=room, association=association, by=manager, start=start, end=end, title="AG")
    neighbour_room = RoomFactory(open_to="neighbours")
    services.book(room=neighbour_room, neighbour=manager, by=manager, start=start, end=end, title="Anniversaire")
    calendars.ensure(manager, calendars.Feed.ROOMS)

    data = personal_data.export(manager)
    assert [b["objet"] for b in data["reservations_personnelles"]] == ["Anniversaire"]
    assert len(data["reservations_faites"]) == 2
    assert export_personal_data(manager)["calendriers"]["calendriers_prives"] == ["réservations de salles"]

    erase_account(user=manager)
    assert list(Booking.objects.values_list("pk", flat=True)) == [kept.pk]
    kept.refresh_from_db()
    assert kept.booked_by is None and kept.association == association
    assert not Transition.objects.filter(by=manager).exists()
    assert not FeedToken.objects.filter(user=manager).exists()
