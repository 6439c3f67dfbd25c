import csv
import io
from xml.etree import ElementTree

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory


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


def test_the_dashboard_query_count_does_not_grow_with_data(client_for, world):
    from tests.support.factories import SupportRequestFactory

    client = client_for(UserFactory(staff=True))
    client.get(reverse("dashboard:index"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("dashboard:index"))
    for _ in range(5):
        SupportRequestFactory(state="submitted")
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("dashboard:index"))
    assert len(after.captured_queries) == len(before.captured_queries)


def test_the_dashboard_speaks_english_when_asked(client_for, db):
    from django.conf import settings

    client = client_for(UserFactory(staff=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("dashboard:index")).content.decode()
    assert "Solidarity dashboard" in html and "Room occupancy" in html
