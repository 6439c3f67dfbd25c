from decimal import Decimal

from django.urls import reverse

from associations.support.models import PrivateNote, SupportRequest
from tests.factories import UserFactory


def list_url():
    return reverse("api:support-request-list")


def detail_url(pk, action=None):
    if action:
        return reverse(f"api:support-request-{action}", args=[pk])
    return reverse("api:support-request-detail", args=[pk])


def test_a_manager_drafts_and_submits_through_the_api(client_for, manager, association):
    client = client_for(manager)
    response = client.post(
        list_url(),
        {
            "association": association.pk,
            "title": "Maraude d'hiver",
            "description": "Soupe chaude et couvertures.",
            "kind": "money",
            "amount_requested": "900.00",
            "action_budget": "3000.00",
            "start_date": "2026-12-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.post(detail_url(pk, "transition"), {"name": "submit"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "submitted"


def test_a_stranger_cannot_file_for_an_association(client_for, association):
    response = client_for(UserFactory()).post(
        list_url(), {"association": association.pk, "title": "X", "kind": "money"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "responsables" in str(response.json())
    assert not SupportRequest.objects.exists()


def test_a_wrong_transition_is_a_400_with_a_french_detail(client_for, manager, in_review):
    response = client_for(manager).post(
        detail_url(in_review.pk, "transition"), {"name": "submit"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "Impossible de « déposer la demande »" in str(response.json())


def test_private_notes_are_in_no_payload_the_association_gets(client_for, manager, reviewer, in_review):
    PrivateNote.objects.create(request=in_review, author=reviewer, body="Note très confidentielle")
    client = client_for(manager)
    assert "confidentielle" not in client.get(detail_url(in_review.pk)).content.decode()
    assert "confidentielle" not in client.get(list_url()).content.decode()
    assert client.get(detail_url(in_review.pk, "notes")).status_code == 403
    staff_notes = client_for(reviewer).get(detail_url(in_review.pk, "notes")).json()["results"]
    assert staff_notes[0]["body"] == "Note très confidentielle"


def test_lists_are_scoped_to_what_one_may_see(client_for, manager, in_review):
    assert client_for(UserFactory()).get(list_url()).json()["count"] == 0
    assert client_for(manager).get(list_url()).json()["count"] == 1
    assert client_for(UserFactory()).get(detail_url(in_review.pk)).status_code == 404


def test_staff_grant_through_the_api(client_for, reviewer, in_review, envelope):
    response = client_for(reviewer).post(
        detail_url(in_review.pk, "grant"),
        {"envelope": envelope.pk, "amount": "1000.00", "decision_reference": "API-1"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["decision"]["amount"] == "1000.00"
    envelope.refresh_from_db()
    assert envelope.granted == Decimal("1000.00")


def test_an_overdraw_through_the_api_is_refused(client_for, reviewer, in_review, envelope):
    envelope.amount = Decimal("100.00")
    envelope.save()
    response = client_for(reviewer).post(
        detail_url(in_review.pk, "grant"),
        {"envelope": envelope.pk, "amount": "1000.00", "decision_reference": "API-1"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "n'a plus que 100,00\xa0€" in response.json()["errors"]["detail"][0]


def test_envelopes_are_for_staff_only(client_for, manager, reviewer, envelope):
    assert client_for(manager).get(reverse("api:support-envelope-list")).status_code == 403
    data = client_for(reviewer).get(reverse("api:support-envelope-list")).json()
    assert data["results"][0]["remaining"] == "5000.00"


def test_the_schema_still_builds(client, db):
    assert client.get(reverse("api:schema")).status_code == 200


def test_attachments_through_the_api_are_checked_by_content(client_for, manager, draft, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for(manager)
    url = detail_url(draft.pk, "attachments")
    bad = client.post(url, {"file": SimpleUploadedFile("devis.pdf", b"MZ\x90 not a pdf")})
    assert bad.status_code == 400 and "PDF" in str(bad.json())
    good = client.post(url, {"file": SimpleUploadedFile("devis.pdf", b"%PDF-1.7 devis")})
    assert good.status_code == 201 and good.json()["content_type"] == "application/pdf"
    assert draft.attachments.count() == 1


def test_the_schema_says_assignments_may_be_empty(client, db):
    schemas = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["components"][
        "schemas"
    ]
    # A request waits unassigned until staff entrust it; most history steps assign nobody.
    assert schemas["SupportRequest"]["properties"]["reviewer"]["nullable"] is True
    assert schemas["SupportRequest"]["properties"]["team"]["nullable"] is True
    assert schemas["Transition"]["properties"]["assigned_team"]["nullable"] is True
