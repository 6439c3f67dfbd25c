import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from associations.directory import pages
from associations.directory.models import Association, AssociationEvent
from solidarite.notifications.models import Notification
from tests.directory.factories import ActionFactory, AssociationFactory, make_manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    association = AssociationFactory(pending=True, name="Les Jardins de Ragon")
    make_manager(association)
    return association


def test_staff_verify_with_a_message_and_managers_are_told_after_commit(
    client_for, staff, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(reverse("directory:verify", args=[pending.slug]), {"message": "Bienvenue"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Association.Status.VERIFIED and pending.verified_at
    event = pending.events.get(kind=AssociationEvent.Kind.VERIFIED)
    assert event.actor == staff and event.message == "Bienvenue"
    notification = Notification.objects.get(kind="directory.verified")
    assert notification.body == "Bienvenue" and notification.user.memberships.get().association == pending
    assert "Vérifiée par la ville" in client_for(staff).get(pending.get_absolute_url()).content.decode()


def test_a_manager_cannot_verify_their_own_page(client_for, pending):
    manager = pending.memberships.get().user
    response = client_for(manager).post(reverse("directory:verify", args=[pending.slug]))
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Association.Status.PENDING
    with pytest.raises(PermissionDenied):
        pages.verify(association=pending, by=manager)


def test_refusing_needs_a_message(staff, pending):
    with pytest.raises(ValidationError):
        pages.refuse(association=pending, by=staff, message=" ")
    pages.refuse(association=pending, by=staff, message="Ce n'est pas une association de Rezé.")
    pending.refresh_from_db()
    assert pending.status == Association.Status.REFUSED
    with pytest.raises(ValidationError):
        pages.refuse(association=pending, by=staff, message="encore")


def test_hidden_pages_are_unreachable_for_visitors_but_not_for_their_managers(client, client_for, staff, pending):
    pages.set_hidden(association=pending, by=staff, hidden=True, message="Signalement")
    assert client.get(pending.get_absolute_url()).status_code == 404
    assert client_for(staff).get(pending.get_absolute_url()).status_code == 200
    manager = pending.memberships.get().user
    assert client_for(manager).get(pending.get_absolute_url()).status_code == 200
    action = ActionFactory(association=pending)
    assert client.get(action.get_absolute_url()).status_code == 404
    assert client.get(reverse("directory:association_ics", args=[pending.slug])).status_code == 404


def test_only_staff_see_the_queue(client_for, user, staff, pending):
    assert client_for(user).get(reverse("directory:verification")).status_code == 403
    response = client_for(staff).get(reverse("directory:verification"))
    assert response.status_code == 200 and pending.name in response.content.decode()


def test_merging_moves_managers_and_actions_and_redirects(client, client_for, staff):
    keep = AssociationFactory(name="Amicale laïque", rna="")
    keeper = make_manager(keep)
    duplicate = AssociationFactory(name="Amicale laique de Reze", pending=True)
    other = make_manager(duplicate)
    make_manager(duplicate, keeper)
    action = ActionFactory(association=duplicate)
    response = client_for(staff).post(reverse("directory:merge", args=[duplicate.slug]), {"into": keep.slug})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.merged_into == keep
    assert keep.is_manager(other) and keep.is_manager(keeper)
    assert keep.rna == duplicate.rna  # the identifier the right page lacked
    action.refresh_from_db()
    assert action.association == keep
    redirect = client.get(duplicate.get_absolute_url())
    assert redirect.status_code == 301 and redirect["Location"] == keep.get_absolute_url()


def test_a_neighbour_cannot_merge(client_for, user):
    a, b = AssociationFactory(), AssociationFactory()
    assert client_for(user).post(reverse("directory:merge", args=[a.slug]), {"into": b.slug}).status_code == 403
    a.refresh_from_db()
    assert a.merged_into is None
