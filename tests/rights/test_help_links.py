"""A help request about paperwork or digital help shows the guide's aids and the next permanences nearby;
other requests do not. The page's number of queries does not grow with the guide."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.help.factories import make_request
from tests.rights.factories import make_aid, make_permanence, make_place

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
PAPERWORK = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"


def paperwork_aid(n: int):
    return make_aid(slug=f"aide-demarches-{n}", title=f"Aide aux démarches {n:02d}", themes=(PAPERWORK,))


def permanence_at(n: int, *, latitude: float):
    place = make_place(slug=f"lieu-{n}", name=f"Lieu d'accueil {n}", latitude=latitude, themes=(PAPERWORK,))
    return make_permanence(slug=f"permanence-{n}", title=f"Permanence démarches {n}", place=place)


def page(client, help_request) -> str:
    return client.get(reverse("help:request", args=[help_request.pk])).content.decode()


def test_a_paperwork_request_shows_the_matching_aids_and_the_nearest_permanences(client):
    paperwork_aid(1)
    make_aid(slug="aide-au-loyer", title="Aide au loyer")  # housing: not about paperwork
    far = permanence_at(1, latitude=47.30)
    near = permanence_at(2, latitude=47.19)
    help_request = make_request(UserFactory(), slug="demarches-administratives")

    html = page(client, help_request)

    assert "Se faire aider par un point d'accueil" in html
    assert "Aide aux démarches 01" in html and "Aide au loyer" not in html
    assert html.index(near.title) < html.index(far.title)  # nearest first
    assert "Prochain créneau libre" in html and near.get_absolute_url() in html


def test_other_requests_do_not_show_the_guide(client):
    paperwork_aid(1)
    permanence_at(1, latitude=47.19)
    html = page(client, make_request(UserFactory(), slug="bricolage"))
    assert "Se faire aider par un point d'accueil" not in html


def test_the_page_queries_do_not_grow_with_the_guide(client):
    for n in range(4):
        paperwork_aid(n)
    for n in range(3):
        permanence_at(n, latitude=47.19 + n / 100)
    paperwork = make_request(UserFactory(), slug="demarches-administratives")

    with CaptureQueriesContext(connection) as few:
        page(client, paperwork)
    for n in range(4, 14):
        paperwork_aid(n)
    for n in range(3, 9):
        permanence_at(n, latitude=47.19 + n / 100)
    with CaptureQueriesContext(connection) as many:
        html = page(client, paperwork)

    assert html.count('class="card aid-card"') == 4
    assert len(many.captured_queries) == len(few.captured_queries), [q["sql"] for q in many.captured_queries]
