from associations.rooms.demo import load_rooms
from associations.rooms.models import Booking, Room


def test_the_demo_loads_rooms_with_valid_hours_and_can_run_twice(db):
    first = load_rooms()
    load_rooms()
    assert Room.objects.count() == 3
    assert Booking.objects.count() == 4
    assert first[0][1] == "responsable-salles@solidarite.test"
    for room in Room.objects.all():
        room.full_clean()
