"""The guide holds no resident's data; staff references are exported and erased with the account."""

import pytest

from solidarite.accounts import personal_data, services
from solidarite.rights.models import Aid, AidRevision, Place
from tests.rights.factories import make_aid, make_place

pytestmark = pytest.mark.django_db


def test_a_staff_members_references_are_exported_then_erased_and_the_guide_stays(staff):
    place = make_place(by=staff)
    aid = make_aid(by=staff, reviewer=staff, provider=place)
    exported = personal_data.export_personal_data(staff)["acces_aux_droits"]
    assert [row["title"] for row in exported["dispositifs_a_relire"]] == ["Aide au loyer"]
    assert [row["name"] for row in exported["points_d_accueil_modifies"]] == [place.name]
    assert [row["action"] for row in exported["historique"]] == ["created"]

    services.erase_account(user=staff)

    aid = Aid.objects.get(pk=aid.pk)
    assert aid.reviewer is None and aid.updated_by is None
    assert Place.objects.get(pk=place.pk).updated_by is None
    assert AidRevision.objects.get().by is None


def test_the_privacy_page_describes_the_guide(client):
    from django.urls import reverse

    from tests.helpers import text

    page = text(client.get(reverse("privacy")))
    assert "Le guide des aides et les points d'accueil" in page
    assert "aucune donnée sur les habitant·es" in page and "historique des modifications" in page
