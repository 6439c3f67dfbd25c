"""Issue 13, items 1 and 2: an erased neighbour's future bookings free their room at once, city staff
learn the dates are cancelled, and no staff notice keeps the neighbour's name ("Zoé R. demande…")."""

import datetime as dt

from associations.rooms import services
from associations.rooms.models import Booking, BookingSeries
from solidarite.accounts.services import erase_account
from solidarite.notifications import realtime
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory


def test_an_erased_neighbours_bookings_and_series_free_the_room_and_staff_are_told_without_the_name(
    staff, slot, django_capture_on_commit_callbacks, monkeypatch
):
    start, end = slot
    room = RoomFactory(open_to="neighbours", needs_approval=True, name="Salle Jacques Prévert")
    zoe = UserFactory(display_name="Zoé R.")
    with django_capture_on_commit_callbacks(execute=True):
        services.book(room=room, neighbour=zoe, by=zoe, start=start, end=end, title="Anniversaire")
        services.book_series(
            room=room,
            neighbour=zoe,
            by=zoe,
            start=start + dt.timedelta(hours=3),
            end=end + dt.timedelta(hours=3),
            frequency="weekly",
            until=start.date() + dt.timedelta(days=21),
        )
    asked = Notification.objects.filter(user=staff, kind="rooms.requested")
    assert asked.count() == 2 and all("Zoé R." in n.body for n in asked)  # read while she exists
    pushed = []
    monkeypatch.setattr(realtime, "push_feed_event", lambda *args: pushed.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        erase_account(user=zoe)

    assert not Booking.objects.exists() and not BookingSeries.objects.exists()
    assert services.available(room, start, end)
    assert [event for _feed, _key, event, _data in pushed] == ["cancelled"]
    cancelled = Notification.objects.get(user=staff, kind="rooms.cancelled")
    assert "Salle Jacques Prévert" in cancelled.title and "supprimé son compte" in cancelled.body
    texts = " ".join(f"{n.title} {n.body}" for n in Notification.objects.filter(user=staff))
    assert "Zoé" not in texts and "compte supprimé demande" in texts.lower()
