"""An association's page shows the shops' solidarity initiatives run with it (the partnership, on both pages)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.directory.factories import AssociationFactory
from tests.shops.factories import InitiativeFactory, ShopFactory

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def partner_titles(response):
    return [initiative.title for initiative in response.context["partner_initiatives"]]


def test_the_page_shows_current_and_coming_partner_initiatives_with_their_shop(client):
    association = AssociationFactory(name="Secours populaire")
    InitiativeFactory(
        title="Point de collecte", association=association, starts_on=days(-3), shop=ShopFactory(name="Épicerie Bio")
    )
    InitiativeFactory(title="Collecte de rentrée", association=association, starts_on=days(5), ends_on=days(9))
    InitiativeFactory(title="Finie", association=association, starts_on=days(-20), ends_on=days(-1))
    InitiativeFactory(title="Arrêtée", association=association, starts_on=days(-2), ended_at=timezone.now())
    InitiativeFactory(title="Commerce masqué", association=association, shop=ShopFactory(hidden=True))
    InitiativeFactory(title="Autre association", association=AssociationFactory())
    response = client.get(association.get_absolute_url())
    assert partner_titles(response) == ["Point de collecte", "Collecte de rentrée"]
    html = response.content.decode()
    assert 'aria-labelledby="commerces-partenaires"' in html
    assert "Épicerie Bio" in html and "Collecte de rentrée" in html and "Finie" not in html


def test_without_partners_the_section_is_not_shown(client):
    association = AssociationFactory()
    assert "commerces-partenaires" not in client.get(association.get_absolute_url()).content.decode()


def test_the_page_runs_a_constant_number_of_queries_whatever_the_partners(client, django_assert_num_queries):
    association = AssociationFactory()

    def add_partners(n):
        for _i in range(n):
            InitiativeFactory(association=association)

    add_partners(1)
    with CaptureQueriesContext(connection) as one:
        client.get(association.get_absolute_url())
    add_partners(9)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(association.get_absolute_url())
    assert len(response.context["partner_initiatives"]) == 10
