"""The pages, without JavaScript: the rules, asking, the household's page, the refurbisher's batches, staff's desk,
the API, and the figures."""

import pytest
from django.urls import reverse

from solidarite.dashboard import equipment_figures
from solidarite.dashboard.tables import Period
from solidarite.equipment.models import Device, EquipmentRequest
from tests.equipment.factories import ask, handover_place, make_refurbisher
from tests.factories import UserFactory, quartier

pytestmark = pytest.mark.django_db


def test_the_rules_page_reads_the_rules_the_allocation_uses(client):
    page = client.get(reverse("equipment:home")).content.decode()
    page = page[page.index('id="regles"') :]
    assert page.index("élève") < page.index("vivent seules") < page.index("en recherche")
    assert client.get(reverse("api:equipment-rules")).json()[0]["public"] == "pupil"


def test_a_senior_asks_for_a_tablet_and_follows_the_request(client):
    senior = UserFactory()
    client.force_login(senior)
    form = {
        "public": "senior_alone",
        "wanted": "tablet",
        "address": "3 rue Jean Jaurès",
        "postal_code": "44400",
        "quartier": quartier().pk,
    }
    response = client.post(reverse("equipment:ask"), form)
    made = EquipmentRequest.objects.get()
    assert response.url == made.get_absolute_url() and made.resident == senior
    page = client.get(made.get_absolute_url()).content.decode()
    assert "en attente" in page and "Retirer ma demande" in page
    again = client.post(reverse("equipment:ask"), form)
    assert again.status_code == 400 and "déjà en cours" in again.content.decode()
    other = UserFactory()
    client.force_login(other)
    assert client.get(made.get_absolute_url()).status_code == 404


def test_a_refurbisher_lists_a_batch_and_a_neighbour_cannot(client, django_capture_on_commit_callbacks):
    place = handover_place()
    waiting = ask(public="pupil", wanted="computer")
    client.force_login(UserFactory())
    assert client.get(reverse("equipment:batches")).status_code == 403
    client.force_login(make_refurbisher())
    bad = client.post(reverse("equipment:batches"), {"place": place.pk, "devices": "portable ; 8 Go ; z ; R1"})
    assert bad.status_code == 400 and "état inconnu" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("equipment:batches"),
            {"place": place.pk, "devices": "portable ; i5 8 Go ; b ; R1\ntablette ; 10 pouces ; a ; R2"},
        )
    assert Device.objects.count() == 2
    waiting.refresh_from_db()
    assert waiting.status == "offered"


def test_staff_see_the_queue_and_the_figures(client):
    ask(public="job_seeker", wanted="any", address="1 rue A")
    ask(public="pupil", wanted="any", address="2 rue B")
    client.force_login(UserFactory())
    assert client.get(reverse("equipment:desk")).status_code == 403
    client.force_login(UserFactory(staff=True))
    page = client.get(reverse("equipment:desk")).content.decode()
    assert page.index("un·e élève vit dans le foyer") < page.index("en recherche")
    table = equipment_figures.by_public(Period.last_months(12))
    assert {row[0]: row[1] for row in table.rows}["personne en recherche d'emploi"] == "< 5"
    assert "Équipement numérique par public" in client.get(reverse("dashboard:index")).content.decode()
    csv = client.get(reverse("dashboard:csv", args=["equipement-par-quartier"]))
    assert csv.status_code == 200 and "Demandes" in csv.content.decode()


def test_the_api_asks_and_takes_steps(client, django_capture_on_commit_callbacks):
    person = UserFactory()
    client.force_login(person)
    bad = client.post(reverse("api:equipment-requests"), {"public": "x"}, content_type="application/json")
    assert bad.status_code == 400
    made = client.post(
        reverse("api:equipment-requests"),
        {"public": "senior", "wanted": "tablet", "address": "7 rue du Port", "postal_code": "44400"},
        content_type="application/json",
    ).json()
    assert made["status"] == "waiting" and made["transitions"] == ["withdraw"]
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(make_refurbisher())
        batch = client.post(
            reverse("api:equipment-batches"),
            {
                "place": handover_place().pk,
                "devices": [{"kind": "tablet", "specs": "10 pouces", "condition": "a", "reference": "T1"}],
            },
            content_type="application/json",
        )
    assert batch.status_code == 201
    client.force_login(person)
    offered = client.get(reverse("api:equipment-request", args=[made["id"]])).json()
    assert offered["status"] == "offered" and offered["slots"]
    booked = client.post(
        reverse("api:equipment-request-step", args=[made["id"]]),
        {"step": "book", "start": offered["slots"][0]["start"]},
        content_type="application/json",
    )
    assert booked.json()["status"] == "booked"
