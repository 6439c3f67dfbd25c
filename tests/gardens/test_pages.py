"""The pages without JavaScript: a neighbour joins a waiting list, a manager frees a plot, the neighbour
accepts it; a follower is told the apples are ripe. Refusals are 403/404 and change nothing."""

import pytest
from django.urls import reverse

from solidarite.gardens.models import Allocation, Application, Offer, Plot
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.gardens.factories import allocated_plot, make_garden, make_orchard

pytestmark = pytest.mark.django_db


def test_join_free_accept_through_the_pages(client):
    garden = make_garden(priority=["ragon"])
    plot = allocated_plot(garden)
    person, manager = UserFactory(), UserFactory(staff=True)

    assert "Ragon" in client.get(garden.get_absolute_url()).content.decode()
    client.force_login(person)
    response = client.post(reverse("gardens:apply", args=[garden.slug]), {"quartier": "", "consent": ""})
    assert response.status_code == 400 and "Cochez la case" in response.content.decode()
    response = client.post(reverse("gardens:apply", args=[garden.slug]), {"consent": "on"}, follow=True)
    assert "Inscription enregistrée" in response.content.decode()

    client.force_login(manager)
    page = client.get(reverse("gardens:manage", args=[garden.slug])).content.decode()
    assert person.display_name in page and "Libérer et proposer" in page
    client.post(reverse("gardens:plot_step", args=[plot.pk, "liberer"]))
    assert Plot.objects.get(pk=plot.pk).status == "offered"

    client.force_login(person)
    page = client.get(reverse("gardens:mine")).content.decode()
    assert "La parcelle A1 (25 m²) vous est proposée." in page
    offer = Offer.objects.get()
    response = client.post(reverse("gardens:offer_step", args=[offer.pk, "accepter"]), follow=True)
    assert "est à vous pour la saison" in response.content.decode()
    assert Allocation.objects.get().person == person


def test_someone_else_cannot_answer_free_or_manage(client):
    garden = make_garden()
    plot = allocated_plot(garden)
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("gardens:apply", args=[garden.slug]), {"consent": "on"})
    application = Application.objects.get()

    client.force_login(UserFactory())
    assert client.get(reverse("gardens:manage", args=[garden.slug])).status_code == 403
    assert client.post(reverse("gardens:plot_step", args=[plot.pk, "liberer"])).status_code == 403
    assert client.post(reverse("gardens:withdraw", args=[application.pk])).status_code == 404
    assert Plot.objects.get(pk=plot.pk).status == "allocated"
    assert Application.objects.get().status == "waiting"


def test_follow_then_the_manager_says_the_apples_are_ripe(client):
    orchard = make_orchard()
    follower = UserFactory()
    client.force_login(follower)
    client.post(reverse("gardens:follow", args=[orchard.slug]), {"follow": "1"})

    client.force_login(UserFactory())
    assert client.post(reverse("gardens:ripe", args=[orchard.slug]), {"fruit": "pommes"}).status_code == 403
    client.force_login(UserFactory(staff=True))
    page = client.get(orchard.get_absolute_url()).content.decode()
    assert "Annoncer que c&#x27;est mûr" in page or "Annoncer que c'est mûr" in page
    client.post(reverse("gardens:ripe", args=[orchard.slug]), {"fruit": "pommes"})

    assert Notification.objects.get(user=follower).title == "Les pommes sont mûres au Verger de la Houssais"
    assert "Les pommes sont mûres" in client.get(orchard.get_absolute_url()).content.decode()


def test_public_pages_show_no_gardener(client):
    garden = make_garden()
    person = UserFactory(display_name="Zoé Secrète")
    client.force_login(person)
    client.post(reverse("gardens:apply", args=[garden.slug]), {"consent": "on"})
    client.logout()
    for url in (
        reverse("gardens:list"),
        garden.get_absolute_url(),
        "/api/v1/gardens/",
        f"/api/v1/gardens/{garden.slug}/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and "Zoé" not in response.content.decode()
    assert "1 personne attend une parcelle" in client.get(garden.get_absolute_url()).content.decode()
