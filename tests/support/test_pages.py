from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from associations.support.models import PrivateNote, SupportRequest, Transition
from tests.factories import UserFactory, quartier
from tests.support.factories import AssociationFactory, SupportRequestFactory


def test_a_manager_lists_and_reads_their_requests(client_for, manager, draft):
    html = client_for(manager).get(reverse("support:mine")).content.decode()
    assert draft.title in html
    response = client_for(manager).get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Déposer la demande" in response.content.decode()


def test_someone_who_is_not_a_manager_gets_a_404(client_for, draft):
    assert client_for(UserFactory()).get(draft.get_absolute_url()).status_code == 404


def test_visitors_are_sent_to_the_login_page(client, draft):
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_staff_do_not_see_drafts(client_for, reviewer, draft):
    assert client_for(reviewer).get(draft.get_absolute_url()).status_code == 404


def test_private_notes_never_reach_the_association_page(client_for, manager, reviewer, in_review):
    PrivateNote.objects.create(request=in_review, author=reviewer, body="Trésorerie fragile, à surveiller")
    manager_html = client_for(manager).get(in_review.get_absolute_url()).content.decode()
    assert "Trésorerie fragile" not in manager_html
    assert "Notes internes" not in manager_html
    staff_html = client_for(reviewer).get(in_review.get_absolute_url()).content.decode()
    assert "Trésorerie fragile" in staff_html


def test_a_manager_creates_a_draft_then_submits_it(client_for, manager, association):
    client = client_for(manager)
    response = client.post(
        reverse("support:new"),
        {
            "association": association.pk,
            "title": "Repas solidaire de quartier",
            "description": "Un repas ouvert à tous.",
            "kind": "money",
            "amount_requested": "1 200,50",
            "action_budget": "4000",
            "start_date": "2026-12-12",
        },
    )
    created = SupportRequest.objects.get()
    assert response.status_code == 302 and created.state == "draft"
    assert created.amount_requested == Decimal("1200.50")
    response = client.post(reverse("support:step", args=[created.pk, "submit"]), {"reason": ""})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.state == "submitted"


def test_a_form_with_a_negative_amount_is_re_rendered_with_400(client_for, manager, association):
    response = client_for(manager).post(
        reverse("support:new"),
        {"association": association.pk, "title": "Fête", "kind": "money", "amount_requested": "-5"},
    )
    assert response.status_code == 400
    assert "Un montant ne peut pas être négatif." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_a_wrong_step_gives_a_clear_french_error_and_changes_nothing(client_for, reviewer, association):
    refused = SupportRequestFactory(association=association, state="refused")
    response = client_for(reviewer).post(reverse("support:step", args=[refused.pk, "ask_info"]), {"reason": "Devis"})
    assert response.status_code == 400
    assert "Impossible de « demander des compléments » une demande « refusée »" in response.content.decode()
    refused.refresh_from_db()
    assert refused.state == "refused" and not Transition.objects.exists()


def test_an_unknown_step_is_a_404(client_for, manager, draft):
    assert client_for(manager).post(reverse("support:step", args=[draft.pk, "grant"])).status_code == 404


def test_a_manager_cannot_reach_staff_routes(client_for, manager, in_review):
    client = client_for(manager)
    assert client.get(reverse("support:queue")).status_code == 403
    assert client.post(reverse("support:note", args=[in_review.pk]), {"body": "x"}).status_code == 403
    assert client.post(reverse("support:grant", args=[in_review.pk]), {}).status_code == 403
    assert not PrivateNote.objects.exists()


def test_staff_grant_through_the_page_and_the_remaining_amount_shows(client_for, reviewer, in_review, envelope):
    client = client_for(reviewer)
    response = client.post(
        reverse("support:grant", args=[in_review.pk]),
        {
            "envelope": envelope.pk,
            "amount": "1500",
            "payment_terms": "unique",
            "decision_reference": "2026-12-001",
            "decision_date": envelope_date(envelope),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get(reverse("support:envelopes")).content.decode()
    assert "3\u00a0500,00\u00a0€" in html


def envelope_date(envelope):
    return f"{envelope.year}-06-15"


def test_a_grant_over_the_request_re_renders_asking_for_confirmation(client_for, reviewer, in_review, envelope):
    response = client_for(reviewer).post(
        reverse("support:grant", args=[in_review.pk]),
        {
            "envelope": envelope.pk,
            "amount": "1800",
            "payment_terms": "unique",
            "decision_reference": "2026-12-001",
            "decision_date": envelope_date(envelope),
        },
    )
    assert response.status_code == 400
    assert "cochez la case de confirmation" in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.state == "in_review"


def test_the_queue_filters_by_state_kind_quartier_and_amount(client_for, reviewer):
    ragon = AssociationFactory(quartier=quartier("ragon"))
    big = SupportRequestFactory(association=ragon, state="submitted", amount_requested=Decimal("3000"))
    small = SupportRequestFactory(state="in_review", amount_requested=Decimal("200"))
    room = SupportRequestFactory(state="submitted", kind="room", amount_requested=None)
    client = client_for(reviewer)

    def titles(**params):
        html = client.get(reverse("support:queue"), params).content.decode()
        return {r.title for r in (big, small, room) if r.title in html}

    assert titles() == {big.title, small.title, room.title}
    assert titles(state="in_review") == {small.title}
    assert titles(kind="room") == {room.title}
    assert titles(quartier=quartier("ragon").pk) == {big.title}
    assert titles(amount_min="1000") == {big.title}
    assert titles(amount_max="500") == {small.title}


def test_stale_requests_are_flagged_in_the_queue(client_for, reviewer, settings):
    from datetime import timedelta

    from django.utils import timezone

    SupportRequestFactory(
        state="submitted", waiting_since=timezone.now() - timedelta(days=settings.SUPPORT_STALE_DAYS + 1)
    )
    html = client_for(reviewer).get(reverse("support:queue"), {"stale": "on"}).content.decode()
    assert 'class="stale"' in html


def test_the_queue_runs_a_constant_number_of_queries(client_for, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    SupportRequestFactory(state="submitted")
    client.get(reverse("support:queue"))  # warm the session and caches
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("support:queue"))
    for _ in range(5):
        SupportRequestFactory(state="submitted", reviewer=UserFactory(staff=True), association=AssociationFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(reverse("support:queue"))
    assert response.content.decode().count('class="state"') == 6


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("budget.pdf", b"%PDF-1.7\n...", 302),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, 302),
        ("devis.pdf", b"MZ\x90\x00 this is an exe", 400),
        ("photo.jpg", b"%PDF-1.4 pdf named as jpg", 400),
        ("notes.txt", b"plain text", 400),
    ],
)
def test_attachments_are_checked_by_content(client_for, manager, draft, name, content, expected, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(name, content)
    response = client_for(manager).post(reverse("support:upload", args=[draft.pk]), {"file": upload})
    assert response.status_code == expected
    assert draft.attachments.count() == (1 if expected == 302 else 0)
    if expected == 400:
        assert "PDF" in response.content.decode() or "extension" in response.content.decode()


def test_oversized_attachments_are_refused(client_for, manager, draft, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    settings.SUPPORT_ATTACHMENT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("gros.pdf", b"%PDF-1.7" + b"0" * 2000)
    response = client_for(manager).post(reverse("support:upload", args=[draft.pk]), {"file": upload})
    assert response.status_code == 400 and "au plus" in response.content.decode()
    assert not draft.attachments.exists()


def test_attachments_are_served_only_to_people_who_see_the_request(client_for, manager, draft, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client_for(manager).post(
        reverse("support:upload", args=[draft.pk]), {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.7 x")}
    )
    attachment = draft.attachments.get()
    url = reverse("support:attachment", args=[draft.pk, attachment.pk])
    response = client_for(manager).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(UserFactory()).get(url).status_code == 404


def test_messages_go_both_ways_and_notify_by_mail_after_commit(
    client_for, manager, reviewer, in_review, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(reviewer).post(
            reverse("support:message", args=[in_review.pk]), {"body": "Pouvez-vous préciser le public ?"}
        )
    assert response.status_code == 302
    assert manager.notifications.filter(kind="support.message").exists()
    assert [m.to for m in mailoutbox] == [[manager.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client_for(manager).post(reverse("support:message", args=[in_review.pk]), {"body": "Familles du quartier."})
    assert reviewer.notifications.filter(kind="support.message").exists()
    html = client_for(manager).get(in_review.get_absolute_url()).content.decode()
    assert "Pouvez-vous préciser le public ?" in html and "Familles du quartier." in html


def test_an_empty_message_is_refused(client_for, manager, in_review):
    response = client_for(manager).post(reverse("support:message", args=[in_review.pk]), {"body": "  "})
    assert response.status_code == 400
    assert not in_review.messages.exists()


def test_pages_speak_english_when_asked(client_for, manager, draft):
    from django.conf import settings as django_settings

    client = client_for(manager)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Submit the request" in html and "Messages with the town" in html


def test_the_association_sees_money_and_in_kind_help_side_by_side(client_for, manager, association, reviewer):
    from associations.support import decisions
    from tests.support.factories import EnvelopeFactory

    money = SupportRequestFactory(association=association, state="in_review")
    material = SupportRequestFactory(association=association, state="in_review", kind="material")
    decisions.grant(
        support_request=money, by=reviewer, envelope=EnvelopeFactory(), amount="1200", decision_reference="A"
    )
    decisions.grant(
        support_request=material,
        by=reviewer,
        in_kind_value="350",
        in_kind_description="Tables et chaises",
        decision_reference="B",
    )
    html = client_for(manager).get(reverse("support:mine")).content.decode()
    assert "1\xa0200,00\xa0€ en numéraire et 350,00\xa0€ en nature" in html
