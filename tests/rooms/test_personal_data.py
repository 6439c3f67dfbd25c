"""A person's room data: exported, then erased (own bookings deleted, association bookings kept anonymous)."""

from associations.rooms import personal_data, services
from associations.rooms.models import Booking, FeedToken, Transition
from tests.rooms.factories import RoomFactory


def test_export_then_erase(room, association, manager, slot):
    start, end = slot
    kept = services.book(room=room, association=association, by=manager, start=start, end=end, title="AG")
    neighbour_room = RoomFactory(open_to="neighbours")
    services.book(room=neighbour_room, neighbour=manager, by=manager, start=start, end=end, title="Anniversaire")
    FeedToken.objects.create(user=manager)

    data = personal_data.export(manager)
    assert [b["objet"] for b in data["reservations_personnelles"]] == ["Anniversaire"]
    assert len(data["reservations_faites"]) == 2 and data["calendrier_prive"] is True

    personal_data.erase(manager)
    assert list(Booking.objects.values_list("pk", flat=True)) == [kept.pk]
    kept.refresh_from_db()
    assert kept.booked_by is None and kept.association == association
    assert not Transition.objects.filter(by=manager).exists()
    assert not FeedToken.objects.filter(user=manager).exists()
