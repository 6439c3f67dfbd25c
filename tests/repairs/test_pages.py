"""The pages: a volunteer records at the session; a resident pre-registers; bad input is a 400, not a 500."""

import pytest
from django.urls import reverse

from solidarite.repairs import ords
from solidarite.repairs.models import RepairRecord
from tests.factories import UserFactory
from tests.repairs.factories import brought, day_of, make_cafe

pytestmark = pytest.mark.django_db


def _url(action):
    return reverse("repairs:session", args=[action.pk, day_of(action).isoformat()])


def test_the_list_shows_upcoming_sessions_to_anyone(client):
    action = make_cafe(title="Repair café de Trentemoult")
    page = client.get(reverse("repairs:index")).content.decode()
    assert "Repair café de Trentemoult" in page
    assert _url(action) in page


def test_a_volunteer_records_an_object_and_its_outcome_through_the_page(client_for):
    volunteer = UserFactory(display_name="Awa")
    action = make_cafe(volunteers=[volunteer])
    client = client_for(volunteer)
    response = client.post(
        _url(action),
        {"objet-product_category": "14", "objet-problem": "Ne chauffe plus", "objet-weight_kg": "1,3"},
    )
    assert response.status_code == 302
    record = RepairRecord.objects.get()
    assert str(record.weight_kg) == "1.30"

    response = client.post(
        reverse("repairs:record_step", args=[record.pk, "issue"]),
        {f"r{record.pk}-repair_status": "1", f"r{record.pk}-repairers": [str(volunteer.pk)]},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.repair_status == ords.FIXED
    page = client.get(_url(action)).content.decode()
    assert "1 objet apporté, 1 réparé." in page
    assert "Awa" in page  # the repairer is credited


def test_a_record_without_weight_comes_back_with_the_error_on_its_field(client_for):
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    response = client_for(volunteer).post(
        _url(action), {"objet-product_category": "14", "objet-problem": "Ne chauffe plus", "objet-weight_kg": ""}
    )
    assert response.status_code == 400
    assert "Poids (kg)" in response.content.decode()
    assert RepairRecord.objects.count() == 0


def test_a_resident_sees_no_volunteer_form_and_cannot_take_a_volunteer_step(client_for):
    volunteer, resident = UserFactory(), UserFactory()
    action = make_cafe(volunteers=[volunteer])
    record = brought(action, volunteer)
    client = client_for(resident)
    page = client.get(_url(action)).content.decode()
    assert "Noter un objet apporté" not in page
    assert "Inscrire mon objet" in page
    response = client.post(
        reverse("repairs:record_step", args=[record.pk, "issue"]), {f"r{record.pk}-repair_status": "1"}
    )
    assert response.status_code == 403
    # A resident's POST of the volunteer form is a refusal, not a record.
    response = client.post(
        _url(action), {"objet-product_category": "14", "objet-problem": "Ne chauffe plus", "objet-weight_kg": "1"}
    )
    assert response.status_code == 403
    assert RepairRecord.objects.count() == 1


def test_a_resident_preregisters_from_the_page_and_finds_it_in_their_objects(client_for):
    resident = UserFactory()
    action = make_cafe()
    client = client_for(resident)
    response = client.post(
        _url(action), {"inscription-product_category": "24", "inscription-problem": "La perceuse cale"}
    )
    assert response.status_code == 302
    assert RepairRecord.objects.get().owner == resident
    assert "Outil électrique" in client.get(reverse("repairs:mine")).content.decode()


@pytest.mark.parametrize("day", ["2026-02-30", "pas-une-date", "1999-01-01"])
def test_a_bad_or_foreign_date_is_a_404(client, day):
    action = make_cafe()
    assert client.get(reverse("repairs:session", args=[action.pk, day])).status_code == 404


def test_an_unknown_step_is_a_404_and_a_visitor_is_sent_to_sign_in(client, client_for):
    volunteer = UserFactory()
    action = make_cafe(volunteers=[volunteer])
    record = brought(action, volunteer)
    assert client_for(volunteer).post(reverse("repairs:record_step", args=[record.pk, "nope"])).status_code == 404
    assert client.post(reverse("repairs:record_step", args=[record.pk, "issue"])).status_code == 302


def test_a_resident_withdraws_a_waiting_object_from_their_page(client_for):
    from solidarite.repairs import services

    resident = UserFactory()
    action = make_cafe()
    record = services.preregister(action, day_of(action), by=resident, product_category=24, problem="Perceuse")
    client = client_for(resident)
    assert "Retirer l'inscription" in client.get(reverse("repairs:mine")).content.decode()
    response = client.post(reverse("repairs:record_step", args=[record.pk, "retirer"]), {"suite": "mes-objets"})
    assert response.status_code == 302 and response["Location"] == reverse("repairs:mine")
    record.refresh_from_db()
    assert record.status == RepairRecord.Status.WITHDRAWN
    assert "Retirer l'inscription" not in client.get(reverse("repairs:mine")).content.decode()


def test_a_manager_marks_an_action_as_a_repair_cafe_from_the_association_page(client_for, client):
    from tests.directory.factories import ActionFactory, AssociationFactory, make_manager

    association = AssociationFactory()
    manager = make_manager(association)
    action = ActionFactory(association=association, title="Atelier du samedi")
    page = client_for(manager).get(association.get_absolute_url()).content.decode()
    assert "est un repair café : Atelier du samedi" in page
    assert "Atelier du samedi" not in client.get(reverse("repairs:index")).content.decode()

    response = client_for(manager).post(reverse("repairs:mark", args=[action.pk]), {"repair_cafe": "1"})
    assert response.status_code == 302
    assert "Atelier du samedi" in client.get(reverse("repairs:index")).content.decode()
    visitor_page = client.get(association.get_absolute_url()).content.decode()
    assert reverse("repairs:session_list_of", args=[action.pk]) in visitor_page
    assert "est un repair café" not in visitor_page
    assert client_for(UserFactory()).post(reverse("repairs:mark", args=[action.pk])).status_code == 403
