"""The pages: list, week planning (accessible, no JavaScript), booking form, my bookings, staff pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from associations.rooms import feeds, services
from associations.rooms.models import Booking
from tests.helpers import plain, text
from tests.rooms.factories import AssociationFactory, RoomFactory


def test_the_list_shows_rooms_with_a_constant_number_of_queries(client, db):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/salles/").status_code == 200
        return len(ctx)

    RoomFactory().equipment.set(["piano"])
    few = count()
    for _ in range(4):
        RoomFactory(hearing_loop=True).equipment.set(["cuisine", "sono"])
    assert count() == few
    assert "boucle magnétique" in client.get("/salles/").content.decode()


def test_the_week_is_an_accessible_table_with_keyboard_links_between_weeks(client, room, slot):
    start, _end = slot
    monday = start.date() - dt.timedelta(days=start.weekday())
    page = client.get(f"/salles/{room.slug}/?semaine={start.date().isoformat()}").content.decode()
    assert '<caption id="room-week-caption">' in page and '<th scope="col">' in page and '<th scope="row">' in page
    # The week scrolls in its own box (a 320 px screen), reachable and named for the keyboard.
    assert 'tabindex="0" role="region" aria-labelledby="room-week-caption"' in page
    assert f'href="?semaine={(monday - dt.timedelta(days=7)).isoformat()}"' in page
    assert f'href="?semaine={(monday + dt.timedelta(days=7)).isoformat()}"' in page
    assert "Libre" in page and "Fermé" not in page  # open every day 08:00-22:00


def test_taken_slots_show_the_association_only_when_public(client, room, slot, staff):
    shown, hidden = AssociationFactory(name="Les Amis du Jardin"), AssociationFactory(name="Association Discrète")
    start, end = slot
    services.book(room=room, association=shown, by=staff, start=start, end=end)
    services.book(
        room=room,
        association=hidden,
        by=staff,
        start=start + dt.timedelta(days=1),
        end=end + dt.timedelta(days=1),
        is_public=False,
    )
    page = client.get(f"/salles/{room.slug}/?semaine={start.date().isoformat()}").content.decode()
    assert "Les Amis du Jardin, 14 h – 16 h" in page
    assert "Association Discrète" not in page
    assert "réservé, 14 h – 16 h" in page


def test_a_week_view_takes_a_constant_number_of_queries(client, room, slot, staff, django_assert_max_num_queries):
    start, end = slot
    for day in range(5):
        services.book(
            room=room,
            association=AssociationFactory(),
            by=staff,
            start=start + dt.timedelta(days=day),
            end=end + dt.timedelta(days=day),
        )
    with django_assert_max_num_queries(4):
        client.get(f"/salles/{room.slug}/?semaine={start.date().isoformat()}")


def test_a_manager_books_through_the_form(client_for, room, association, manager, slot):
    start, _end = slot
    response = client_for(manager).post(
        f"/salles/{room.slug}/reserver/",
        {
            "holder": str(association.pk),
            "title": "Assemblée générale",
            "day": start.date().isoformat(),
            "start_time": "14:00",
            "end_time": "16:00",
            "repeat": "once",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.title, booking.local_start.hour, booking.status) == ("Assemblée générale", 14, "confirmed")
    mine = client_for(manager).get("/salles/mes-reservations/").content.decode()
    assert "Assemblée générale" in mine


def test_the_form_re_renders_with_400_and_the_taken_dates_of_a_series(
    client_for, room, association, manager, slot, staff
):
    start, end = slot
    services.book(
        room=room,
        association=AssociationFactory(),
        by=staff,
        start=start + dt.timedelta(weeks=1),
        end=end + dt.timedelta(weeks=1),
    )
    data = {
        "holder": str(association.pk),
        "day": start.date().isoformat(),
        "start_time": "14:00",
        "end_time": "16:00",
        "repeat": "weekly",
        "until": (start.date() + dt.timedelta(weeks=3)).isoformat(),
    }
    response = client_for(manager).post(f"/salles/{room.slug}/reserver/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'datetime="{(start.date() + dt.timedelta(weeks=1)).isoformat()}"' in page
    assert Booking.objects.count() == 1
    response = client_for(manager).post(f"/salles/{room.slug}/reserver/", {**data, "skip_unavailable": "on"})
    assert response.status_code == 302
    assert Booking.objects.filter(association=association).count() == 3


def test_a_rule_error_re_renders_in_french_with_400(client_for, room, association, manager, slot):
    start, _end = slot
    response = client_for(manager).post(
        f"/salles/{room.slug}/reserver/",
        {
            "holder": str(association.pk),
            "day": start.date().isoformat(),
            "start_time": "16:00",
            "end_time": "14:00",
            "repeat": "once",
        },
    )
    assert response.status_code == 400
    assert "est avant son début" in response.content.decode()
    assert not Booking.objects.exists()


def test_someone_without_an_association_is_told_how_to_book(client_for, room, user):
    response = client_for(user).get(f"/salles/{room.slug}/reserver/")
    assert response.status_code == 403
    page = plain(text(response))
    assert "Seules les associations de l'annuaire peuvent réserver cette salle." in page
    assert "/associations/proposer/" in page


def test_the_cancel_page_cancels_for_the_manager_only(client_for, room, association, manager, user, slot, staff):
    start, end = slot
    booking = services.book(room=room, association=association, by=manager, start=start, end=end)
    assert client_for(user).post(f"/salles/reservations/{booking.pk}/annuler/", {"scope": "one"}).status_code == 404
    response = client_for(manager).post(f"/salles/reservations/{booking.pk}/annuler/", {"scope": "one"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"


@pytest.mark.parametrize("path", ["/salles/a-valider/", "/salles/{slug}/journee/"])
def test_staff_pages_are_for_staff_only(client_for, room, user, staff, path):
    path = path.format(slug=room.slug)
    assert client_for(user).get(path).status_code == 403
    assert client_for(staff).get(path).status_code == 200


def test_staff_approve_or_refuse_from_the_queue(client_for, association, manager, staff, slot):
    room = RoomFactory(needs_approval=True)
    start, end = slot
    first = services.book(room=room, association=association, by=manager, start=start, end=end, title="Loto")
    second = services.book(
        room=room,
        association=association,
        by=manager,
        start=start + dt.timedelta(days=1),
        end=end + dt.timedelta(days=1),
        title="Bal",
    )
    page = client_for(staff).get("/salles/a-valider/").content.decode()
    assert "Loto" in page and "Bal" in page
    assert client_for(staff).post(f"/salles/reservations/{first.pk}/approuver/", {"message": ""}).status_code == 302
    refused = client_for(staff).post(f"/salles/reservations/{second.pk}/refuser/", {"message": ""})
    assert refused.status_code == 400 and "pourquoi" in refused.content.decode()
    client_for(staff).post(f"/salles/reservations/{second.pk}/refuser/", {"message": "Salle prise par la mairie."})
    assert list(Booking.objects.order_by("start").values_list("status", flat=True)) == ["confirmed", "refused"]
    assert client_for(manager).post(f"/salles/reservations/{first.pk}/refuser/", {"message": "x"}).status_code == 403


def test_the_daily_sheet_lists_the_day_for_printing(client_for, room, association, manager, staff, slot):
    start, end = slot
    services.book(
        room=room,
        association=association,
        by=manager,
        start=start,
        end=end,
        title="Répétition chorale",
        is_public=False,
    )
    page = client_for(staff).get(f"/salles/{room.slug}/journee/?date={start.date().isoformat()}").content.decode()
    assert "Répétition chorale" in page and association.name in page and "14:00–16:00" in page


def test_the_menu_links_to_rooms(client, db):
    assert 'href="/salles/"' in client.get("/").content.decode()


def test_a_neighbour_books_a_room_open_to_neighbours(client_for, user, slot):
    room = RoomFactory(open_to="neighbours")
    start, _end = slot
    response = client_for(user).post(
        f"/salles/{room.slug}/reserver/",
        {
            "holder": "me",
            "title": "Fête des voisins",
            "day": start.date().isoformat(),
            "start_time": "14:00",
            "end_time": "16:00",
            "repeat": "once",
        },
    )
    assert response.status_code == 302
    assert Booking.objects.get().neighbour == user
    # The week never shows a neighbour's name.
    week = client_for(user).get(f"/salles/{room.slug}/?semaine={start.date().isoformat()}").content.decode()
    assert "réservé, 14 h – 16 h" in week and user.display_name not in week


def test_the_pages_speak_english_too(client, room):
    page = client.get(f"/salles/{room.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Previous week" in page and "Free" in page and "Semaine précédente" not in page


def test_my_bookings_and_the_queue_take_a_constant_number_of_queries(client_for, association, manager, staff, slot):
    room = RoomFactory(needs_approval=True)
    start, end = slot

    def counts():
        result = []
        for who, path in ((manager, "/salles/mes-reservations/"), (staff, "/salles/a-valider/")):
            client = client_for(who)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(path).status_code == 200
            result.append(len(ctx))
        return result

    services.book(room=room, association=association, by=manager, start=start, end=end)
    few = counts()
    for day in range(1, 4):
        services.book(
            room=room,
            association=AssociationFactory() if day % 2 else association,
            by=staff,
            start=start + dt.timedelta(days=day),
            end=end + dt.timedelta(days=day),
        )
        services.book(
            room=RoomFactory(needs_approval=True),
            association=association,
            by=manager,
            start=start + dt.timedelta(days=day),
            end=end + dt.timedelta(days=day),
        )
    assert counts() == few


def test_the_week_page_follows_its_room_public_feed_and_loads_the_live_script(client, room, slot):
    start, _end = slot
    monday = start.date() - dt.timedelta(days=start.weekday())
    page = client.get(f"/salles/{room.slug}/?semaine={start.date().isoformat()}").content.decode()
    assert f'data-live-feed="room-week" data-live-key="{room.pk}"' in page
    # The displayed week as instants, for the script to compare with an event's range.
    assert f'data-week-start="{monday.isoformat()}T00:00:00+0' in page
    assert f'data-week-end="{(monday + dt.timedelta(days=7)).isoformat()}T00:00:00+0' in page
    assert 'data-changed-message="Le planning de la salle a changé."' in page
    assert "/static/rooms/week.js" in page and 'id="live-region"' in page


def test_the_room_week_feed_is_public():
    from solidarite.notifications.feeds import get_feed

    feed = get_feed(feeds.WEEK_FEED)
    assert feed is not None and feed.public
