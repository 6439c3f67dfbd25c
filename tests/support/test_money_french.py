"""Every amount people read is printed the French way (``27 380,00 €``): pages, error messages, form
choices, notifications, e-mails, the dashboard and its CSV files, the admin. The SCDL open-data CSV
keeps its own format (``27380.00``), as its schema says.

The class, not a page: every text is searched for anything printed before a euro sign, and each such
amount must read ``d dd ddd,dd €`` with no-break spaces.
"""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from associations.support import decisions
from associations.support.workflow import SupportError
from solidarite.notifications.models import Notification
from tests.factories import UserFactory
from tests.support.conftest import TEST_TOWN_SIRET
from tests.support.factories import EnvelopeFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db
# Something written before a euro sign: digits, with whatever separators were used.
PRINTED = re.compile(r"\d[\d\s.,\u00a0\u202f]*€")
FRENCH = re.compile(r"^\d{1,3}(\u00a0\d{3})*,\d{2}\u00a0€$")


def amounts(text: str) -> list[str]:
    return [match.group(0) for match in PRINTED.finditer(text)]


def assert_french(text: str, where: str, *, expect: str | None = None):
    found = amounts(text)
    wrong = [amount for amount in found if not FRENCH.match(amount)]
    assert not wrong, f"{where}: {wrong}"
    if expect:
        assert expect in found, f"{where}: {expect!r} not among {found}"


def test_amounts_read_the_french_way_wherever_people_read_them(
    client_for, association, manager, django_capture_on_commit_callbacks
):
    reviewer = UserFactory(staff=True, is_superuser=True, email="instructrice@mairie.test")
    envelope = EnvelopeFactory(amount=Decimal("27380.00"), label="Fêtes de quartier")
    small = EnvelopeFactory(amount=Decimal("1000.00"), label="Petite enveloppe")
    asked = SupportRequestFactory(
        association=association,
        created_by=manager,
        state="in_review",
        reviewer=reviewer,
        amount_requested=Decimal("12500.00"),
        action_budget=Decimal("48000.00"),
    )
    other = SupportRequestFactory(association=association, created_by=manager, state="in_review", reviewer=reviewer)
    staff, neighbour = client_for(reviewer), client_for(manager)
    texts = {}

    # Errors: more than asked, more than the envelope holds (page and API say the service's words).
    with pytest.raises(SupportError) as above:
        decisions.grant(support_request=asked, by=reviewer, envelope=envelope, amount="13000", decision_reference="D")
    texts["message: above the request"] = (above.value.messages[0], "12\u00a0500,00\u00a0€")
    page = staff.post(
        reverse("support:grant", args=[other.pk]),
        {
            "envelope": small.pk,
            "amount": "1200",
            "payment_terms": "unique",
            "decision_reference": "D-0",
            "decision_date": f"{small.year}-06-15",
        },
    )
    assert page.status_code == 400
    texts["page: overdraw refused"] = (page.content.decode(), "1\u00a0200,00\u00a0€")
    api = staff.post(
        reverse("api:support-request-grant", args=[other.pk]),
        {"envelope": small.pk, "amount": "1200.00", "decision_reference": "API-1"},
        content_type="application/json",
    )
    assert api.status_code == 400
    texts["API: overdraw refused"] = (json.dumps(api.json(), ensure_ascii=False), "1\u00a0000,00\u00a0€")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.grant(
            support_request=asked, by=reviewer, envelope=envelope, amount="12345.50", decision_reference="D-1"
        )
    texts["notification"] = (
        " ".join(f"{n.title} {n.body}" for n in Notification.objects.filter(user=manager)),
        "12\u00a0345,50\u00a0€",
    )
    texts["e-mail"] = (" ".join(message.body for message in mail.outbox), "12\u00a0345,50\u00a0€")

    texts["page: the request (association)"] = (
        neighbour.get(asked.get_absolute_url()).content.decode(),
        "48\u00a0000,00\u00a0€",
    )
    texts["page: my requests"] = (neighbour.get(reverse("support:mine")).content.decode(), "12\u00a0345,50\u00a0€")
    texts["page: queue"] = (staff.get(reverse("support:queue")).content.decode(), None)
    texts["page: envelopes"] = (staff.get(reverse("support:envelopes")).content.decode(), "15\u00a0034,50\u00a0€")
    texts["page: grant form (envelope choices)"] = (
        staff.get(other.get_absolute_url()).content.decode(),
        "15\u00a0034,50\u00a0€",
    )
    texts["page: dashboard"] = (staff.get(reverse("dashboard:index")).content.decode(), "27\u00a0380,00\u00a0€")
    for slug, expect in (("enveloppes", "27\u00a0380,00\u00a0€"), ("soutiens-par-etat", "12\u00a0500,00\u00a0€")):
        body = staff.get(reverse("dashboard:csv", args=[slug])).content.decode()
        cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
        assert expect in cells, (slug, cells)
        texts[f"CSV: dashboard {slug}"] = (body, expect)
    for model in ("envelope", "supportrequest", "grant"):
        texts[f"admin: {model}"] = (
            staff.get(reverse(f"admin:support_{model}_changelist")).content.decode(),
            "12\u00a0345,50\u00a0€" if model == "grant" else None,
        )

    for where, (text, expect) in texts.items():
        assert_french(text, where, expect=expect)


@override_settings(TOWN_SIRET=TEST_TOWN_SIRET)
def test_the_scdl_open_data_keeps_its_own_format(client, in_review, reviewer):
    envelope = EnvelopeFactory(amount=Decimal("27380.00"))
    decisions.grant(support_request=in_review, by=reviewer, envelope=envelope, amount="1234.50", decision_reference="X")
    rows = list(csv.DictReader(io.StringIO(client.get("/donnees/subventions.csv").content.decode())))
    assert [row["montant"] for row in rows] == ["1234.50"]
