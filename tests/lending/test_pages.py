"""The pages, without JavaScript: find a kit, book days, wait for it, the owner hands it over and takes
it back with condition and weight."""

import pytest
from django.urls import reverse

from solidarite.lending.models import Handover, Loan, WaitEntry
from tests.factories import UserFactory
from tests.lending.factories import days_ahead, make_item, manager

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_kits_and_filters_by_category(client):
    kit = make_item(name="Caméra thermique")
    tool = make_item(name="Perceuse", category="tools", guide="")
    page = client.get(reverse("lending:items"), {"categorie": "energy"}).content.decode()
    assert kit.name in page and tool.name not in page


def test_an_item_page_shows_its_guide_and_a_visitor_is_asked_to_sign_in(client):
    item = make_item()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Ce qu'il faut mesurer" in page and "Branchez" in page
    assert "Connectez-vous pour réserver" in page
    response = client.post(item.get_absolute_url(), {"first_day": days_ahead(1), "last_day": days_ahead(2)})
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert not Loan.objects.exists()


def test_a_neighbour_books_from_the_item_page_and_a_clash_is_said_on_the_form(client):
    item = make_item()
    client.force_login(UserFactory())
    response = client.post(item.get_absolute_url(), {"first_day": days_ahead(1), "last_day": days_ahead(3)})
    assert response.status_code == 302 and response["Location"] == reverse("lending:my_loans")
    mine = client.get(reverse("lending:my_loans")).content.decode()
    assert item.name in mine and "<strong>réservé</strong>" in mine and "C&#x27;est réservé" in mine
    client.force_login(UserFactory())
    clash = client.post(item.get_absolute_url(), {"first_day": days_ahead(2), "last_day": days_ahead(2)})
    assert clash.status_code == 400 and "déjà réservé" in clash.content.decode()
    bad = client.post(item.get_absolute_url(), {"first_day": "hier", "last_day": ""})
    assert bad.status_code == 400
    assert Loan.objects.count() == 1


def test_joining_and_leaving_the_waiting_list(client):
    item = make_item()
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("lending:waitlist", args=[item.slug]))
    assert WaitEntry.objects.filter(item=item, person=person).exists()
    assert "Quitter la liste d'attente" in client.get(item.get_absolute_url()).content.decode()
    client.post(reverse("lending:waitlist", args=[item.slug]), {"leave": "1"})
    assert not WaitEntry.objects.exists()


def test_the_owner_hands_over_and_takes_back_from_the_managers_page(client):
    item = make_item()
    borrower = UserFactory()
    loan = Loan.objects.get(pk=_book(item, borrower).pk)
    client.force_login(borrower)
    assert client.get(reverse("lending:manage")).status_code == 403
    assert client.get(reverse("lending:handover", args=[loan.pk, "remettre"])).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse("lending:handover", args=[loan.pk, "remettre"])).status_code == 404
    client.force_login(manager(item.lender))
    page = client.get(reverse("lending:manage")).content.decode()
    assert item.name in page and borrower.public_name in page
    url = reverse("lending:handover", args=[loan.pk, "remettre"])
    assert client.post(url, {"condition": "good", "weight_kg": "0"}).status_code == 400
    assert client.post(url, {"condition": "good", "weight_kg": "0,45", "deposit": "on"}).status_code == 302
    url = reverse("lending:handover", args=[loan.pk, "reprendre"])
    assert client.post(url, {"condition": "fair", "weight_kg": "0.45"}).status_code == 302
    assert list(Handover.objects.values_list("direction", "condition")) == [("out", "good"), ("back", "fair")]
    assert "Historique de l'état" in client.get(item.get_absolute_url()).content.decode()


def test_the_borrower_cancels_from_my_loans(client):
    item = make_item()
    borrower = UserFactory()
    loan = _book(item, borrower)
    client.force_login(UserFactory())
    assert client.post(reverse("lending:loan_step", args=[loan.pk, "annuler"])).status_code == 404
    client.force_login(borrower)
    assert client.post(reverse("lending:loan_step", args=[loan.pk, "annuler"])).status_code == 302
    assert Loan.objects.get().status == "cancelled"


def _book(item, borrower):
    from solidarite.lending import services

    return services.book_days(item=item, borrower=borrower, first_day=days_ahead(0), last_day=days_ahead(2))
