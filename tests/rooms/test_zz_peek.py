from associations.rooms import services
from tests.rooms.factories import RoomFactory, paris

def test_peek(client_for, association, manager, staff):
    room = RoomFactory(opening_hours="Mo-Fr 09:30-12:30,13:30-22:00; Sa 09:00-13:00")
    services.book(room=room, association=association, by=staff, start=paris(2027,1,13,14), end=paris(2027,1,13,16,30))
    html = client_for(manager).get(f"/salles/{room.slug}/?semaine=2027-01-11").content.decode()
    i = html.index("<main"); print(html[i:i+5000])
