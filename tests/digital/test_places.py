"""Marking places of digital help, who may, and what a visitor finds (list, filters, distance, page)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from solidarite.digital import services
from solidarite.digital.models import DigitalPlace, DigitalPlaceChange
from tests.digital.factories import mark, media_library, staff
from tests.directory.factories import AssociationFactory, make_manager
from tests.factories import UserFactory, quartier
from tests.rights.factories import make_permanence
from tests.rooms.factories import RoomFactory
from tests.shops.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_a_place_of_digital_help_points_to_exactly_one_place_in_the_database():
    shop, association = ShopFactory(), AssociationFactory()
    for targets in ({}, {"shop": shop, "association": association}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DigitalPlace.objects.create(free_wifi=True, **targets)
    assert DigitalPlace.objects.create(free_wifi=True, shop=shop).target == shop


def test_staff_mark_any_place_and_the_change_is_logged():
    agent = staff()
    room = RoomFactory()
    place = mark(room, by=agent, printing=True)
    assert place.room == room and place.services() == ["free_wifi", "printing"]
    change = DigitalPlaceChange.objects.get(place=place)
    assert change.by == agent and change.action == "marked" and change.changes["printing"] == [False, True]


def test_managers_mark_their_own_premises_and_shops_and_nothing_else():
    association, other = AssociationFactory(), AssociationFactory()
    manager = make_manager(association)
    assert mark(association, by=manager).association == association
    with pytest.raises(PermissionDenied):
        mark(other, by=manager)
    owner = UserFactory()
    shop = ShopFactory(owner=owner)
    assert mark(shop, by=owner).shop == shop
    with pytest.raises(PermissionDenied):
        mark(ShopFactory(owner=UserFactory()), by=owner)
    with pytest.raises(PermissionDenied):
        mark(RoomFactory(), by=owner)  # the town's rooms: staff only
    assert DigitalPlace.objects.count() == 2


def test_a_place_offers_at_least_one_service_and_is_marked_once():
    shop = ShopFactory()
    with pytest.raises(ValidationError, match="au moins un service"):
        mark(shop, free_wifi=False)
    mark(shop)
    with pytest.raises(ValidationError, match="déjà"):
        mark(shop, printing=True)
    assert DigitalPlace.objects.count() == 1


def test_bad_hours_or_pivot_are_refused_in_french_and_change_nothing():
    place = mark(ShopFactory())
    with pytest.raises(ValidationError) as error:
        services.update(place=place, by=staff(), data={"opening_hours": "tous les jours", "pivot": "123"})
    assert set(error.value.message_dict) == {"opening_hours", "pivot"}
    place.refresh_from_db()
    assert place.opening_hours == "" and place.pivot == ""


def test_the_list_filters_by_every_service_asked_and_sorts_by_distance_from_the_quartier(client):
    near = mark(ShopFactory(name="Café du Château", latitude=47.1858, longitude=-1.5632), printing=True)
    far = mark(ShopFactory(name="Café de Ragon", latitude=47.1600, longitude=-1.5300), printing=True)
    mark(ShopFactory(name="Wifi seulement", latitude=47.1859, longitude=-1.5633))
    response = client.get(reverse("digital:places"), {"service": ["free_wifi", "printing"], "quartier": "chateau"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wifi seulement" not in page
    assert page.index("Café du Château") < page.index("Café de Ragon")
    assert "2 lieux" in page and "du centre du quartier Château" in page
    assert near.get_absolute_url() in page and far.get_absolute_url() in page


def test_a_point_given_by_hand_sorts_the_list_and_a_bad_one_is_a_french_400(client):
    mark(ShopFactory(name="Au nord", latitude=47.1950, longitude=-1.5480))
    mark(ShopFactory(name="Au sud", latitude=47.1600, longitude=-1.5500))
    page = client.get(reverse("digital:places"), {"lat": "47,16", "lon": "-1,55"}).content.decode()
    assert page.index("Au sud") < page.index("Au nord")
    response = client.get(reverse("digital:places"), {"lat": "48.9", "lon": "2.35"})
    assert response.status_code == 400 and "loin de Rezé" in response.content.decode()
    response = client.get(reverse("digital:places"), {"service": "teleportation"})
    assert response.status_code == 400


def test_a_hidden_shop_hides_its_digital_help_from_visitors(client):
    shop = ShopFactory(name="Commerce masqué")
    place = mark(shop)
    shop.hidden = True
    shop.save()
    assert "Commerce masqué" not in client.get(reverse("digital:places")).content.decode()
    assert client.get(place.get_absolute_url()).status_code == 404


def test_the_page_says_the_hours_in_words_and_the_next_digital_help_appointment(client):
    library = media_library()
    permanence = make_permanence(
        place=library,
        slug="conseiller-numerique",
        title="Conseiller numérique",
        opening_hours="We 14:00-18:00",
        walk_in_hours="",
    )
    place = mark(library, aidants_connect=True)
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Mo-Fr" not in page and "Tu,Th" not in page
    assert "Mardi" in page and "14 h" in page  # the hours table, in French words
    assert "Prochain créneau libre" in page
    assert reverse("rights:book", args=[permanence.slug]) + "?debut=" in page
    assert "habilité Aidants Connect" in page and "ne fait aucune démarche à votre place" in page


def test_a_place_without_aidants_connect_says_it_helps_but_does_not_act_for_you(client):
    place = mark(ShopFactory(), aidants_connect=False)
    page = client.get(place.get_absolute_url()).content.decode()
    assert "n'est pas habilité Aidants Connect" in page
    assert "Pas de rendez-vous à réserver ici" in page


def test_a_permanence_without_the_digital_theme_is_not_shown_as_digital_help(client):
    library = media_library(
        themes=("difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",)
    )
    make_permanence(place=library, slug="logement", title="Permanence logement")
    page = client.get(mark(library).get_absolute_url()).content.decode()
    assert "Permanence logement" not in page


def test_the_shop_owner_edits_through_the_page_and_others_are_refused(client):
    owner = UserFactory()
    place = mark(ShopFactory(owner=owner))
    url = reverse("digital:place_edit", args=[place.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(owner)
    response = client.post(
        url,
        {"free_wifi": "on", "printing": "on", "fee": "gratuit", "summary": "Wifi et imprimante", "is_published": "on"},
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.printing and place.summary == "Wifi et imprimante" and place.updated_by == owner
    response = client.post(url, {"fee": "gratuit", "is_published": "on"})  # no service ticked
    assert response.status_code == 400 and "au moins un service" in response.content.decode()


def test_a_manager_marks_their_premises_from_the_form(client):
    association = AssociationFactory(
        name="Les Voisins connectés", latitude=47.18, longitude=-1.55, quartier=quartier("ragon")
    )
    manager = make_manager(association)
    client.force_login(manager)
    form = client.get(reverse("digital:place_create")).content.decode()
    assert "Les Voisins connectés" in form and "Salles municipales" not in form
    response = client.post(
        reverse("digital:place_create"),
        {"lieu": f"association-{association.pk}", "free_computers": "on", "fee": "gratuit", "is_published": "on"},
    )
    assert response.status_code == 302
    assert DigitalPlace.objects.get().association == association
    other = AssociationFactory()
    response = client.post(
        reverse("digital:place_create"), {"lieu": f"association-{other.pk}", "free_wifi": "on", "fee": "gratuit"}
    )
    assert response.status_code == 403  # manages nothing left to mark
    client.force_login(UserFactory())
    assert client.get(reverse("digital:place_create")).status_code == 403


def test_the_association_page_links_to_its_digital_help(client):
    association = AssociationFactory()
    page = client.get(association.get_absolute_url()).content.decode()
    assert 'id="aide-numerique"' not in page
    place = mark(association, printing=True)
    page = client.get(association.get_absolute_url()).content.decode()
    assert 'id="aide-numerique"' in page and place.get_absolute_url() in page
