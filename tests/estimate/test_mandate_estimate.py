"""Issue 16: a mediator fills the estimate for a resident under a mandate; the estimate shared with the
agent of a booked appointment (who sees what); reminders when a démarche does not move."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from solidarite.estimate import claims, reminders, sharing
from solidarite.estimate.models import Claim, EstimateShare, SavedEstimate
from solidarite.notifications.models import Notification
from solidarite.rights import appointments, availability, mandates
from tests.estimate.test_pages import answer_everything
from tests.factories import UserFactory
from tests.rights.factories import make_mandate, make_permanence, make_place

pytestmark = pytest.mark.django_db
REASON = "logement-hebergement"


@pytest.fixture
def mediator():
    return UserFactory(mediator=True, display_name="Nadia Médiatrice")


def first_free(permanence, skip=0):
    return [slot for slot in availability.slots(permanence) if slot.bookable][skip].start


def estimate_under(client, mandate):
    assert client.post(reverse("estimate:mandate_start"), {"mandat": mandate.pk}).url == reverse(
        "estimate:step", kwargs={"step": "foyer"}
    )
    answer_everything(client)
    client.post(reverse("estimate:compute"))
    assert client.get(reverse("estimate:progress")).url == reverse("estimate:result")


def acts(mandate):
    return list(mandate.acts.values_list("summary", flat=True))


# --- a mediator under a mandate ----------------------------------------------------------------------


def test_a_mediator_estimates_for_a_resident_with_an_account_into_their_demarches(client, mediator, inline_pool):
    resident = UserFactory(display_name="Jeanne Habitante")
    mandate = make_mandate(mediator, resident=resident, scopes=("estimate", "appointments"))
    client.force_login(mediator)
    start = client.get(reverse("estimate:start")).content.decode()
    assert f"Jeanne Habitante — mandat n° {mandate.pk}" in start
    estimate_under(client, mandate)
    page = client.get(reverse("estimate:result")).content.decode()
    assert "Estimation faite pour Jeanne Habitante, sous mandat." in page
    assert "Enregistrer dans les démarches de la personne" in page
    response = client.post(reverse("estimate:save"))
    assert response.url == reverse("estimate:mandate", kwargs={"pk": mandate.pk})
    saved = SavedEstimate.objects.get()
    assert saved.user == resident and saved.mandate == mandate
    assert not SavedEstimate.objects.filter(user=mediator).exists()
    followed = set(Claim.objects.filter(user=resident).values_list("aid_code", flat=True))
    assert "rsa" in followed
    assert acts(mandate)[:2] == ["questionnaire commencé", "estimation calculée"]
    assert acts(mandate)[2].startswith("estimation enregistrée dans les démarches de la personne")
    assert "estimate" not in client.session  # the mediator's session keeps nothing of the resident
    # The resident sees it in their own account; the mediator sees their démarches on the mandate's page.
    client.force_login(resident)
    assert client.get(reverse("estimate:saved_detail", kwargs={"pk": saved.pk})).status_code == 200
    client.force_login(mediator)
    assert (
        "Revenu de solidarité active (RSA)"
        in client.get(reverse("estimate:mandate", kwargs={"pk": mandate.pk})).content.decode()
    )


def test_without_an_account_the_estimate_is_kept_on_the_mandate_and_goes_when_it_ends(client, mediator, inline_pool):
    mandate = make_mandate(mediator, scopes=("estimate",))
    client.force_login(mediator)
    estimate_under(client, mandate)
    assert "Garder cette estimation sur le mandat" in client.get(reverse("estimate:result")).content.decode()
    client.post(reverse("estimate:save"))
    kept = SavedEstimate.objects.get()
    assert kept.user is None and kept.mandate == mandate
    assert "estimation gardée sur le mandat" in acts(mandate)
    page = client.get(reverse("estimate:mandate", kwargs={"pk": mandate.pk})).content.decode()
    assert "Estimations faites sous ce mandat" in page and "Revenu de solidarité active (RSA)" in page
    mandates.revoke(mandate=mandate, by=mediator)
    assert not SavedEstimate.objects.exists()
    assert client.get(reverse("estimate:mandate", kwargs={"pk": mandate.pk})).status_code == 403


def test_refused_without_a_current_mandate_covering_the_estimate(client, mediator):
    outside_scope = make_mandate(mediator, scopes=("appointments",))
    other_mediator = UserFactory(mediator=True)
    others = make_mandate(other_mediator, scopes=("estimate",), resident_name="M. Autre")
    resident = UserFactory()
    client.force_login(mediator)
    for pk in (outside_scope.pk, others.pk, 0, "x"):
        assert client.post(reverse("estimate:mandate_start"), {"mandat": pk}).status_code == 403
    assert client.get(reverse("estimate:mandate", kwargs={"pk": others.pk})).status_code == 403
    client.force_login(resident)  # a resident is no mediator
    assert client.post(reverse("estimate:mandate_start"), {"mandat": others.pk}).status_code == 403
    assert not others.acts.exists() and not outside_scope.acts.exists()


def test_a_mandate_ending_midway_ends_the_questionnaire(client, mediator):
    mandate = make_mandate(mediator, scopes=("estimate",))
    client.force_login(mediator)
    client.post(reverse("estimate:mandate_start"), {"mandat": mandate.pk})
    foyer = {"couple": "seul", "children": "0", "depcom": "44143"}
    client.post(reverse("estimate:step", kwargs={"step": "foyer"}), foyer)
    mandates.revoke(mandate=mandate, by=mediator)
    response = client.get(reverse("estimate:step", kwargs={"step": "personnes"}))
    assert response.status_code == 403
    assert "estimate" not in client.session  # the answers are gone with it
    assert client.get(reverse("estimate:step", kwargs={"step": "foyer"})).status_code == 200  # one's own now


def test_a_mediator_moves_a_step_of_the_residents_demarches_and_it_is_logged(client, mediator):
    resident, stranger = UserFactory(), UserFactory()
    mandate = make_mandate(mediator, resident=resident, scopes=("estimate",))
    claim = Claim.objects.create(user=resident, aid_code="rsa", amount=400)
    client.force_login(stranger)
    url = reverse("estimate:claim_step", kwargs={"pk": claim.pk, "step": "demandee"})
    assert client.post(url).status_code == 403
    client.force_login(mediator)
    assert client.post(url, {"mandat": mandate.pk}).url == reverse("estimate:mandate", kwargs={"pk": mandate.pk})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPLIED and claim.log.get().by == mediator
    assert acts(mandate) == ["démarche mise à jour : J'ai fait la demande"]
    mandates.revoke(mandate=mandate, by=mediator)
    url = reverse("estimate:claim_step", kwargs={"pk": claim.pk, "step": "ouverte"})
    assert client.post(url).status_code == 403
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPLIED


# --- sharing with the agent of a booked appointment --------------------------------------------------


@pytest.fixture
def booked():
    """A person's saved estimate and their booked appointment at a permanence with one agent."""
    person, agent = UserFactory(), UserFactory(display_name="Agent Logement")
    permanence = make_permanence(agents=[agent], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    appointment = appointments.book(permanence=permanence, by=person, start=first_free(permanence), reason=REASON)
    saved = SavedEstimate.objects.create(
        user=person, month="2026-11", legislation="176.1.8", answers={}, amounts={"rsa": 420.5}
    )
    return person, agent, appointment, saved


def day_list(client, appointment):
    day = appointment.local_start.date().isoformat()
    return client.get(reverse("rights:agent_day", args=[appointment.permanence.slug]) + f"?jour={day}")


def test_the_person_shares_with_consent_and_only_that_agent_sees_it_until_revoked(client, booked):
    person, agent, appointment, saved = booked
    other_agent = UserFactory()
    make_permanence(slug="autre", agents=[other_agent], place=make_place(slug="autre-lieu", name="Autre lieu"))
    client.force_login(person)
    share_url = reverse("estimate:share", kwargs={"pk": saved.pk})
    page = client.post(share_url, {"rendez_vous": appointment.pk}, follow=True).content.decode()
    assert "Cochez la case pour donner votre accord" in page and not EstimateShare.objects.exists()
    client.post(share_url, {"rendez_vous": appointment.pk, "accord": "oui"})
    share = EstimateShare.objects.get()
    shared_url = reverse("estimate:shared", kwargs={"pk": share.pk})
    # Nobody sees it before: the agent of another permanence, a stranger, the person's other mediator.
    for someone in (other_agent, UserFactory(), UserFactory(staff=True)):
        client.force_login(someone)
        assert client.get(shared_url).status_code == 404
    client.force_login(agent)
    listed = day_list(client, appointment).content.decode()
    assert "Estimation des droits partagée" in listed and shared_url in listed
    assert "Revenu de solidarité active (RSA)" in client.get(shared_url).content.decode()
    client.force_login(person)
    client.post(reverse("estimate:share_revoke", kwargs={"pk": saved.pk, "share_pk": share.pk}))
    client.force_login(agent)
    assert client.get(shared_url).status_code == 404
    assert "Estimation des droits partagée" not in day_list(client, appointment).content.decode()


def test_the_agent_of_a_shared_appointment_moves_the_persons_demarches_until_the_share_ends(booked):
    from django.core.exceptions import PermissionDenied

    person, agent, appointment, saved = booked
    claim = claims.follow(user=person, saved=saved)[0]
    with pytest.raises(PermissionDenied):  # nothing shared yet: not the agent's business
        claims.take_step(user=agent, pk=claim.pk, url_name="demandee")
    share = sharing.share(by=person, estimate=saved, appointment_pk=appointment.pk, consent=True)
    claims.take_step(user=agent, pk=claim.pk, url_name="demandee")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPLIED
    assert claim.log.get().by == agent
    sharing.revoke(by=person, estimate=saved, share_pk=share.pk)
    with pytest.raises(PermissionDenied):
        claims.take_step(user=agent, pk=claim.pk, url_name="ouverte")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPLIED


def test_nobody_shares_an_estimate_or_an_appointment_not_theirs(client, booked):
    person, agent, appointment, saved = booked
    stranger = UserFactory()
    theirs = SavedEstimate.objects.create(user=stranger, month="2026-11", legislation="1", answers={}, amounts={})
    client.force_login(stranger)
    assert (
        client.post(
            reverse("estimate:share", kwargs={"pk": saved.pk}), {"rendez_vous": appointment.pk, "accord": "oui"}
        ).status_code
        == 403
    )
    page = client.post(
        reverse("estimate:share", kwargs={"pk": theirs.pk}),
        {"rendez_vous": appointment.pk, "accord": "oui"},
        follow=True,
    ).content.decode()
    assert "Choisissez un de vos rendez-vous à venir." in page
    assert not EstimateShare.objects.exists()


def test_a_share_goes_with_the_account_a_cancellation_and_a_month_after_the_appointment(booked):
    from solidarite.accounts.services import erase_account

    person, agent, appointment, saved = booked
    share = sharing.share(by=person, estimate=saved, appointment_pk=appointment.pk, consent=True)
    assert sharing.purge() == 0
    assert sharing.purge(now=appointment.end + sharing.SHARE_RETENTION - dt.timedelta(minutes=1)) == 0
    assert sharing.for_agent(agent, now=appointment.end + dt.timedelta(days=29)).get() == share
    assert sharing.purge(now=appointment.end + sharing.SHARE_RETENTION + dt.timedelta(minutes=1)) == 1
    share = sharing.share(by=person, estimate=saved, appointment_pk=appointment.pk, consent=True)
    appointments.cancel(appointment=appointment, by=person)
    assert not sharing.for_agent(agent).exists()
    call_command("purge_saved_estimates", stdout=io.StringIO())
    assert not EstimateShare.objects.exists()
    other = appointments.book(
        permanence=appointment.permanence, by=person, start=first_free(appointment.permanence, 1), reason=REASON
    )
    sharing.share(by=person, estimate=saved, appointment_pk=other.pk, consent=True)
    erase_account(user=person)
    assert not EstimateShare.objects.exists() and not SavedEstimate.objects.exists()


def test_a_mediator_shares_the_estimate_kept_on_the_mandate_with_the_appointment_booked_under_it(client, mediator):
    agent = UserFactory()
    permanence = make_permanence(agents=[agent], opening_hours="Mo-Fr 09:00-17:00", walk_in_hours="")
    mandate = make_mandate(mediator, scopes=("estimate", "appointments"))
    appointment = appointments.book(
        permanence=permanence, by=mediator, start=first_free(permanence), reason=REASON, on_behalf_of=mandate
    )
    kept = SavedEstimate.objects.create(
        mandate=mandate, month="2026-11", legislation="1", answers={}, amounts={"rsa": 300.0}
    )
    client.force_login(mediator)
    page = client.get(reverse("estimate:mandate", kwargs={"pk": mandate.pk})).content.decode()
    assert "Partager avec l'agent·e d'un rendez-vous" in page and permanence.title in page
    client.post(reverse("estimate:share", kwargs={"pk": kept.pk}), {"rendez_vous": appointment.pk, "accord": "oui"})
    share = EstimateShare.objects.get()
    assert "estimation partagée avec l'agent·e d'un rendez-vous" in acts(mandate)
    client.force_login(agent)
    assert client.get(reverse("estimate:shared", kwargs={"pk": share.pk})).status_code == 200
    mandates.revoke(mandate=mandate, by=mediator)  # the kept estimate, and so its share, go with the mandate
    assert not EstimateShare.objects.exists()


# --- reminders when nothing moves --------------------------------------------------------------------


def test_a_reminder_once_per_period_without_a_move_at_the_delay_chosen(client):
    person = UserFactory()
    claim = Claim.objects.create(user=person, aid_code="rsa", amount=400)
    now = timezone.now()
    day = dt.timedelta(days=1)
    assert reminders.send_due(now=now + 29 * day) == 0
    assert reminders.send_due(now=now + 30 * day) == 1  # the default: a month
    assert reminders.send_due(now=now + 31 * day) == 0  # once per period
    notice = Notification.objects.get(user=person)
    assert notice.kind == "estimate.claim_stale"
    assert "Revenu de solidarité active (RSA)" in notice.title
    assert reminders.send_due(now=now + 60 * day) == 1  # still nothing: again a month later
    client.force_login(person)
    page = client.get(reverse("estimate:claims")).content.decode()
    assert "Un rappel si rien ne bouge" in page
    client.post(reverse("estimate:claim_reminder", kwargs={"pk": claim.pk}), {"jours": "7"})
    claim.refresh_from_db()
    assert claim.remind_after_days == 7
    assert reminders.send_due(now=now + 66 * day) == 0 and reminders.send_due(now=now + 67 * day) == 1
    # A move starts a new period.
    claims.take_step(user=person, pk=claim.pk, url_name="demandee", now=now + 68 * day)
    assert reminders.send_due(now=now + 74 * day) == 0 and reminders.send_due(now=now + 75 * day) == 1
    client.post(reverse("estimate:claim_reminder", kwargs={"pk": claim.pk}), {"jours": "0"})  # never
    assert reminders.send_due(now=now + 400 * day) == 0
    response = client.post(reverse("estimate:claim_reminder", kwargs={"pk": claim.pk}), {"jours": "3"}, follow=True)
    assert "Choisissez un délai dans la liste." in response.content.decode()
    claim.refresh_from_db()
    assert claim.remind_after_days == 0


def test_no_reminder_once_the_right_is_open_nor_for_someone_else_to_set(client):
    person, stranger = UserFactory(), UserFactory()
    claim = Claim.objects.create(user=person, aid_code="rsa", amount=400, status=Claim.Status.OPENED)
    assert reminders.send_due(now=timezone.now() + dt.timedelta(days=90)) == 0
    client.force_login(stranger)
    assert client.post(reverse("estimate:claim_reminder", kwargs={"pk": claim.pk}), {"jours": "7"}).status_code == 403


def test_the_scheduled_command_sends_the_reminders_due():
    person = UserFactory()
    Claim.objects.create(user=person, aid_code="rsa", amount=400, moved_at=timezone.now() - dt.timedelta(days=31))
    out = io.StringIO()
    call_command("remind_stale_claims", stdout=out)
    assert "1" in out.getvalue() and Notification.objects.filter(user=person).count() == 1
    call_command("remind_stale_claims", stdout=io.StringIO())
    assert Notification.objects.filter(user=person).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_one_reminder():
    from tests.concurrency import race

    person = UserFactory()
    Claim.objects.create(user=person, aid_code="rsa", amount=400, moved_at=timezone.now() - dt.timedelta(days=31))
    outcomes = race([reminders.send_due, reminders.send_due, reminders.send_due])
    assert sorted(outcomes) == [0, 0, 1], outcomes
    assert Notification.objects.filter(user=person).count() == 1
