"""Access to rights on the staff dashboard: appointments by month, permanence, theme and quartier, no-shows,
waiting lists, aids to review. Aggregates only: 1 to 4 people print « < 5 », no name anywhere, CSV alike."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from solidarite.dashboard import figures, rights_figures
from solidarite.rights.models import Appointment, WaitlistEntry
from tests.factories import UserFactory
from tests.rights.factories import make_aid, make_permanence

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def appointments(permanence, statuses, *, reason="numerique", days_ago=3):
    """Past appointments of the permanence (the rules of booking aside: the figures only count)."""
    start = timezone.now() - dt.timedelta(days=days_ago)
    for index, status in enumerate(statuses):
        begin = start + dt.timedelta(minutes=30 * index)
        Appointment.objects.create(
            permanence=permanence,
            resident=UserFactory(display_name=f"Personne Secrète {index}"),
            start=begin,
            end=begin + dt.timedelta(minutes=30),
            reason=reason,
            status=status,
        )


def csv_rows(client, slug):
    response = client.get(reverse("dashboard:csv", args=[slug]))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_appointments_no_shows_and_waiting_lists_are_counted_with_small_counts_hidden(client_for):
    busy = make_permanence(agents=[UserFactory()])
    quiet = make_permanence(slug="permanence-numerique", title="Permanence numérique", place=busy.place)
    appointments(busy, ["attended"] * 15 + ["no_show"] * 5 + ["cancelled"])
    appointments(quiet, ["attended", "no_show"], reason="logement-hebergement")
    for person in (UserFactory(), UserFactory()):
        WaitlistEntry.objects.create(permanence=busy, person=person)
    make_aid(next_review_on=timezone.localdate() - dt.timedelta(days=1))
    client = client_for(UserFactory(staff=True))

    by_permanence = {row[0]: row[1:] for row in csv_rows(client, "rendez-vous-par-permanence")[1:]}
    assert by_permanence["Permanence logement du CCAS (CCAS de Rezé)"] == ["20", "15", "5", "< 5", "25\u00a0%", "< 5"]
    assert by_permanence["Permanence numérique (CCAS de Rezé)"] == ["< 5", "< 5", "< 5", "0", "", "0"]
    by_theme = {row[0]: row[1] for row in csv_rows(client, "rendez-vous-par-theme")[1:]}
    assert by_theme == {"Logement et hébergement": "< 5", "Numérique": "20"}
    quartier = {row[0]: row[1] for row in csv_rows(client, "rendez-vous-par-quartier")[1:]}
    assert quartier[busy.place.quartier.name] == "22"
    months = csv_rows(client, "rendez-vous-par-mois")
    assert sum(int(row[1]) for row in months[1:] if row[1].isdigit()) == 22
    assert [row[1:] for row in csv_rows(client, "aides-a-relire")[1:]] == [["1", "1"]]

    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Rendez-vous et listes d&#x27;attente par permanence" in page and "&lt; 5" in page
    assert "Personne Secrète" not in page


def test_the_rights_tables_query_count_does_not_grow_with_the_appointments():
    permanence = make_permanence()
    appointments(permanence, ["attended", "no_show"])
    period = figures.Period.last_months(12)
    with CaptureQueriesContext(connection) as few:
        rights_figures.tables(period)
    other = make_permanence(slug="autre", title="Autre", place=permanence.place)
    appointments(other, ["attended"] * 20, reason="sante", days_ago=40)
    WaitlistEntry.objects.create(permanence=other, person=UserFactory())
    with CaptureQueriesContext(connection) as many:
        tables = rights_figures.tables(period)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert sum(row[1] for row in tables[0].rows) == 22
