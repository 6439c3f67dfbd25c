import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from associations.directory import actions
from associations.directory.models import Action, Participation
from solidarite.notifications.models import Notification
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def local(days, hour):
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


def form(**overrides):
    return {
        "title": "Collecte de vêtements",
        "kind": "collection",
        "description": "Apportez vos vêtements propres.",
        "starts_at": local(5, 14).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(5, 17).strftime("%Y-%m-%dT%H:%M"),
        "recurrence": "",
        "place_name": "Salle Jean Baptiste Daviais",
        "tags": "solidarité, vêtements",
    } | overrides


@pytest.fixture
def association():
    return AssociationFactory(name="Vestiaire solidaire")


def test_a_manager_publishes_an_action(client_for, association):
    manager = make_manager(association)
    response = client_for(manager).post(reverse("directory:action_create", args=[association.slug]), form())
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert action.starts_at == local(5, 14) and action.created_by == manager
    assert action.association == association


@pytest.mark.parametrize("who", ["neighbour", "staff"])
def test_only_managers_publish(client_for, association, who):
    person = UserFactory(staff=who == "staff")
    url = reverse("directory:action_create", args=[association.slug])
    assert client_for(person).post(url, form()).status_code == 403
    assert not Action.objects.exists()
    with pytest.raises(PermissionDenied):
        actions.publish_action(
            association=association, by=person, title="x", starts_at=local(1, 9), ends_at=local(1, 10)
        )


def test_scripts_are_removed_and_links_are_nofollow_ugc(client_for, association, client):
    manager = make_manager(association)
    description = (
        '<script>alert("x")</script><p onclick="steal()">Infos <a href="https://example.org" target="_blank">ici</a>'
        ' <a href="javascript:alert(1)">piège</a></p><img src=x onerror=alert(1)>'
    )
    client_for(manager).post(
        reverse("directory:action_create", args=[association.slug]), form(description=description, title="<i>T</i>")
    )
    action = Action.objects.get()
    assert "<script" not in action.description and "onclick" not in action.description
    assert "onerror" not in action.description and "javascript:" not in action.description
    assert 'rel="nofollow ugc"' in action.description
    html = client.get(action.get_absolute_url()).content.decode()
    assert "alert(" not in html.replace("&quot;", "")
    assert '<a href="https://example.org" rel="nofollow ugc">ici</a>' in html
    assert "&lt;i&gt;T&lt;/i&gt;" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": local(5, 13).strftime("%Y-%m-%dT%H:%M")}, "La fin doit venir après le début"),
        ({"starts_at": "32/13/2026 25:00"}, "Saisissez"),
        ({"recurrence": "weekly"}, "jusqu&#x27;à quand"),
        ({"wants_volunteers": "on"}, "combien de bénévoles"),
        (
            {
                "starts_at": local(-3, 10).strftime("%Y-%m-%dT%H:%M"),
                "ends_at": local(-3, 12).strftime("%Y-%m-%dT%H:%M"),
            },
            "déjà passée",
        ),
    ],
)
def test_invalid_dates_save_nothing(client_for, association, overrides, message):
    manager = make_manager(association)
    response = client_for(manager).post(reverse("directory:action_create", args=[association.slug]), form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_a_weekly_action_keeps_its_local_hour_across_the_clock_change(association):
    manager = make_manager(association)
    start = dt.datetime(2031, 10, 16, 14, tzinfo=PARIS)  # before the end of summer time
    action = actions.publish_action(
        association=association,
        by=manager,
        title="Permanence",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        recurrence="weekly",
        recurrence_until=dt.date(2031, 11, 6),
    )
    starts = action.occurrence_starts()
    assert [s.astimezone(PARIS).hour for s in starts] == [14, 14, 14, 14]
    assert [s.day for s in starts] == [16, 23, 30, 6]
    assert action.last_ends_at == dt.datetime(2031, 11, 6, 16, tzinfo=PARIS)


def test_cancelling_tells_the_participants(association, django_capture_on_commit_callbacks):
    manager = make_manager(association)
    action = ActionFactory(association=association)
    neighbour = UserFactory()
    actions.participate(action=action, user=neighbour, kind=Participation.Kind.ATTEND)
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_action(action=action, by=manager, reason="Salle inondée")
    action.refresh_from_db()
    assert action.is_cancelled
    notification = Notification.objects.get(user=neighbour)
    assert notification.kind == "directory.action_cancelled" and notification.body == "Salle inondée"


def test_a_neighbour_cannot_edit_or_cancel(client_for, association):
    make_manager(association)
    action = ActionFactory(association=association, title="Avant")
    neighbour = UserFactory()
    assert client_for(neighbour).post(reverse("directory:action_edit", args=[action.pk]), form()).status_code == 403
    assert client_for(neighbour).post(reverse("directory:action_cancel", args=[action.pk])).status_code == 403
    action.refresh_from_db()
    assert action.title == "Avant" and not action.is_cancelled
