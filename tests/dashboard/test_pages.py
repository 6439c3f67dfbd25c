import csv
import datetime as dt
import io
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.rooms.models import Booking, Room
from solidarite.help.models import Category, HelpRequest
from tests.factories import UserFactory, quartier
from tests.support.factories import AssociationFactory, EnvelopeFactory, SupportRequestFactory


def test_the_dashboard_is_for_staff_only(client, client_for, db):
    assert client.get(reverse("dashboard:index")).status_code == 302
    assert client_for(UserFactory()).get(reverse("dashboard:index")).status_code == 403
    assert client_for(UserFactory()).get(reverse("dashboard:csv", args=["enveloppes"])).status_code == 403


def test_each_figure_has_a_chart_a_table_and_a_csv(client_for, world):
    client = client_for(UserFactory(staff=True))
    html = client.get(reverse("dashboard:index")).content.decode()
    assert html.count('role="img"') >= 6
    assert '<th scope="col"' in html and "Salle A" in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org/2000/svg", "")
    for chunk in html.split("<svg")[1:]:
        ElementTree.fromstring("<svg" + chunk.split("</svg>")[0] + "</svg>")  # noqa: S314 - our own output
    response = client.get(reverse("dashboard:csv", args=["occupation-des-salles"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Salle", "Réservations confirmées", "Heures réservées"]
    assert client.get(reverse("dashboard:csv", args=["inconnu"])).status_code == 404


def more_of_everything():
    """Rows of every kind the dashboard reads, in new categories, quartiers, rooms and years."""
    now = timezone.now()
    association = AssociationFactory()
    for index, slug in enumerate(["chateau", "la-houssais", "trentemoult-les-isles"]):
        category = Category.objects.create(name=f"Nouvelle {index}", slug=f"nouvelle-{index}", position=10 + index)
        for days, status in ((5, "expired"), (70, "done"), (400, "open")):
            created = now - dt.timedelta(days=days)
            HelpRequest.objects.create(
                author=UserFactory(),
                category=category,
                description="Besoin d'un coup de main",
                window_start=created,
                window_end=created + dt.timedelta(days=2),
                status=status,
                created_at=created,
                latitude=47.18,
                longitude=-1.55,
                public_latitude=47.18,
                public_longitude=-1.55,
                quartier=quartier(slug),
            )
        room = Room.objects.create(
            name=f"Salle neuve {index}", slug=f"salle-neuve-{index}", address="Rezé", capacity=8, opening_hours="24/7"
        )
        start = now - dt.timedelta(days=3 + index)
        Booking.objects.create(
            room=room, association=association, title="Atelier", start=start, end=start + dt.timedelta(hours=2)
        )
        SupportRequestFactory(state="submitted", association=association)
        EnvelopeFactory()


def test_the_dashboard_query_count_is_the_same_for_any_period_and_any_data(
    client_for, world, django_assert_num_queries
):
    client = client_for(UserFactory(staff=True))
    client.get(reverse("dashboard:index"))  # warm the session
    with CaptureQueriesContext(connection) as baseline:
        client.get(reverse("dashboard:index"))
    more_of_everything()
    for period in ("3", "6", "12", "24", str(timezone.localdate().year), str(timezone.localdate().year - 1)):
        with django_assert_num_queries(len(baseline.captured_queries)):
            response = client.get(reverse("dashboard:index"), {"period": period})
        assert response.status_code == 200


def test_staff_pick_the_period_and_the_csv_links_follow_it(client_for, world):
    client = client_for(UserFactory(staff=True))
    html = client.get(reverse("dashboard:index"), {"period": "2025"}).content.decode()
    assert '<option value="2025" selected>' in html
    assert "Période affichée : l&#x27;année 2025." in html
    assert f"{reverse('dashboard:csv', args=['entraide-par-mois'])}?period=2025" in html
    assert "janvier 2025" in html and "juin 2026" not in html

    response = client.get(reverse("dashboard:csv", args=["entraide-par-mois"]), {"period": "2025"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="entraide-par-mois-2025.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Mois", "Satisfaites", "Non satisfaites", "En attente"]
    assert len(rows) == 13 and ["mars 2025", "1", "0", "0"] in rows  # the fixture's only request of 2025


def test_without_a_period_the_last_twelve_months_are_shown(client_for, db):
    html = client_for(UserFactory(staff=True)).get(reverse("dashboard:index")).content.decode()
    assert '<option value="12" selected>' in html and "Période affichée : les 12 derniers mois." in html
    assert "?period=12" in html


def test_the_quartier_map_and_its_table_are_on_the_page_and_in_csv(client_for, world):
    client = client_for(UserFactory(staff=True))
    html = client.get(reverse("dashboard:index"), {"period": "24"}).content.decode()
    section = html.split('id="entraide-par-quartier"', 1)[1].split("</section>", 1)[0]
    assert section.count('role="img"') == 2 and 'id="entraide-par-quartier-carte-title"' in section
    assert "<title>Ragon : 1 non satisfaite sur 2</title>" in section
    assert '<th scope="row">La Blordière</th>' in section  # a quartier without requests is a figure too
    response = client.get(reverse("dashboard:csv", args=["entraide-par-quartier"]), {"period": "24"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Quartier", "Satisfaites", "Non satisfaites", "En attente", "Taux satisfait"]
    assert len(rows) == 8 and ["Ragon", "1", "1", "1", "0.50"] in rows and ["Château", "0", "0", "0", ""] in rows


@pytest.mark.parametrize("value", ["13", "0", "douze", "1999", "2099", "2026-01", " 12", "12.0"])
def test_a_bad_period_is_a_400_with_a_clear_french_message(client_for, db, value):
    client = client_for(UserFactory(staff=True))
    response = client.get(reverse("dashboard:index"), {"period": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cette période n&#x27;existe pas : choisissez les 3, 6, 12 ou 24 derniers mois" in html
    assert 'id="entraide-par-mois"' not in html
    response = client.get(reverse("dashboard:csv", args=["entraide-par-mois"]), {"period": value})
    assert response.status_code == 400 and response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Cette période n'existe pas")


def test_the_dashboard_speaks_english_when_asked(client_for, db):
    from django.conf import settings

    client = client_for(UserFactory(staff=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard:index")).content.decode()
    assert "Solidarity dashboard" in html and "Room occupancy" in html
