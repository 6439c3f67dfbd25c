"""Requests are entrusted to a reviewer, a review team, or both; nothing stalls unnoticed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.support import conversation, review, staleness
from associations.support.models import ReviewTeam, SupportRequest, Transition
from associations.support.workflow import SupportError
from tests.factories import UserFactory
from tests.support.factories import AssociationFactory, SupportRequestFactory


@pytest.fixture
def team(db):
    team = ReviewTeam.objects.create(name="Vie associative")
    team.members.add(UserFactory(staff=True, display_name="Alix"), UserFactory(staff=True, display_name="Bruno"))
    return team


@pytest.fixture
def submitted(association, manager):
    return SupportRequestFactory(association=association, created_by=manager, state="submitted")


def assigned_notifications(person):
    return person.notifications.filter(kind__in=["support.assigned", "support.assigned_team"])


def test_staff_entrust_a_request_to_a_team_and_the_step_is_logged(submitted, reviewer, team):
    review.assign(support_request=submitted, by=reviewer, team=team)
    submitted.refresh_from_db()
    assert (submitted.team, submitted.reviewer) == (team, None)
    step = Transition.objects.get(request=submitted)
    assert (step.name, step.from_state, step.to_state, step.by, step.by_city) == (
        "assign",
        "submitted",
        "submitted",
        reviewer,
        True,
    )
    assert (step.assigned_team, step.assigned_reviewer) == (team, None)
    assert step.assignment_label == "Instruction confiée à l'équipe « Vie associative »"


def test_each_active_member_of_the_team_is_told_and_mailed_after_commit(
    submitted, reviewer, team, mailoutbox, django_capture_on_commit_callbacks
):
    left = UserFactory(staff=True, is_active=False)
    no_longer_staff = UserFactory()
    team.members.add(left, no_longer_staff, reviewer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review.assign(support_request=submitted, by=reviewer, team=team)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    members = list(team.members.filter(display_name__in=["Alix", "Bruno"]))
    assert all(assigned_notifications(member).count() == 1 for member in members)
    assert "Vie associative" in assigned_notifications(members[0]).get().title
    assert not assigned_notifications(left).exists() and not assigned_notifications(no_longer_staff).exists()
    assert not assigned_notifications(reviewer).exists()  # one does not tell oneself
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(member.email for member in members)


def test_a_person_and_a_team_together_each_are_told_once(submitted, reviewer, team):
    colleague = UserFactory(staff=True)
    alix = team.members.get(display_name="Alix")
    review.assign(support_request=submitted, by=reviewer, reviewer=alix, team=team)
    assert assigned_notifications(alix).count() == 1
    assert "vous est confiée" in assigned_notifications(alix).get().title
    step = Transition.objects.get(request=submitted)
    assert step.assignment_label == "Instruction confiée à Alix, équipe « Vie associative »"

    review.assign(support_request=submitted, by=reviewer, reviewer=colleague, team=team)
    assert assigned_notifications(colleague).count() == 1
    assert assigned_notifications(team.members.get(display_name="Bruno")).count() == 1  # the team did not change


def test_choosing_the_same_assignment_again_changes_and_tells_nothing(submitted, reviewer, team):
    review.assign(support_request=submitted, by=reviewer, team=team)
    review.assign(support_request=submitted, by=reviewer, team=team)
    assert Transition.objects.filter(request=submitted, name="assign").count() == 1
    assert assigned_notifications(team.members.first()).count() == 1


def test_unassigning_is_logged_too(submitted, reviewer, team):
    review.assign(support_request=submitted, by=reviewer, team=team)
    review.assign(support_request=submitted, by=reviewer)
    submitted.refresh_from_db()
    assert submitted.team is None and submitted.reviewer is None
    assert Transition.objects.filter(request=submitted).last().assignment_label == "Instruction remise sans affectation"


def test_only_staff_assign(submitted, manager, team):
    with pytest.raises(PermissionDenied, match="agent·es de la ville"):
        review.assign(support_request=submitted, by=manager, team=team)
    submitted.refresh_from_db()
    assert submitted.team is None and not Transition.objects.exists()


def test_an_assignee_must_be_staff(submitted, reviewer):
    with pytest.raises(SupportError, match="agent·e de la ville"):
        review.assign(support_request=submitted, by=reviewer, reviewer=UserFactory())
    empty = ReviewTeam.objects.create(name="Équipe vide")
    empty.members.add(UserFactory(), UserFactory(staff=True, is_active=False))
    with pytest.raises(SupportError, match="aucun·e agent·e en activité"):
        review.assign(support_request=submitted, by=reviewer, team=empty)
    submitted.refresh_from_db()
    assert submitted.reviewer is None and submitted.team is None and not Transition.objects.exists()


@pytest.mark.parametrize("state", ["draft", "granted", "refused", "closed"])
def test_drafts_and_decided_requests_cannot_be_assigned(association, reviewer, team, state):
    support_request = SupportRequestFactory(association=association, state=state)
    with pytest.raises(SupportError):
        review.assign(support_request=support_request, by=reviewer, team=team)
    assert not Transition.objects.exists()


# --- nothing stalls ---------------------------------------------------------------------------------


def stale(support_request, settings):
    SupportRequest.objects.filter(pk=support_request.pk).update(
        waiting_since=timezone.now() - timedelta(days=settings.SUPPORT_STALE_DAYS + 1)
    )


def test_the_stale_alert_reaches_every_member_when_only_a_team_is_set(submitted, reviewer, team, settings):
    bystander = UserFactory(staff=True)
    review.assign(support_request=submitted, by=reviewer, team=team)
    stale(submitted, settings)
    assert staleness.alert_stale() == 1
    assert all(member.notifications.filter(kind="support.stale").count() == 1 for member in team.members.all())
    assert not bystander.notifications.filter(kind="support.stale").exists()
    assert not reviewer.notifications.filter(kind="support.stale").exists()


def test_the_stale_alert_reaches_only_the_reviewer_when_one_is_set(submitted, reviewer, team, settings):
    alix, bruno = team.members.get(display_name="Alix"), team.members.get(display_name="Bruno")
    review.assign(support_request=submitted, by=reviewer, reviewer=alix, team=team)
    stale(submitted, settings)
    staleness.alert_stale()
    assert alix.notifications.filter(kind="support.stale").count() == 1
    assert not bruno.notifications.filter(kind="support.stale").exists()


def test_a_reviewer_who_left_the_staff_hands_over_to_the_team(submitted, reviewer, team, settings):
    alix, bruno = team.members.get(display_name="Alix"), team.members.get(display_name="Bruno")
    review.assign(support_request=submitted, by=reviewer, reviewer=alix, team=team)
    type(alix).objects.filter(pk=alix.pk).update(is_staff=False)
    stale(submitted, settings)
    staleness.alert_stale()
    assert bruno.notifications.filter(kind="support.stale").count() == 1
    assert not alix.notifications.filter(kind="support.stale").exists()


def test_a_message_from_the_association_reaches_the_team(submitted, manager, reviewer, team):
    review.assign(support_request=submitted, by=reviewer, team=team)
    conversation.post_message(support_request=submitted, by=manager, body="Voici le devis demandé.")
    assert all(member.notifications.filter(kind="support.message").count() == 1 for member in team.members.all())
    assert not reviewer.notifications.filter(kind="support.message").exists()


# --- pages ------------------------------------------------------------------------------------------


def test_staff_assign_through_the_page_and_see_it_in_the_history(client_for, submitted, reviewer, team, manager):
    client = client_for(reviewer)
    response = client.post(reverse("support:assign", args=[submitted.pk]), {"reviewer": "", "team": team.pk})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.team == team
    staff_page = client.get(submitted.get_absolute_url()).content.decode()
    assert "Instruction confiée à l&#x27;équipe « Vie associative »" in staff_page
    association_page = client_for(manager).get(submitted.get_absolute_url()).content.decode()
    assert "Instruction confiée" not in association_page and "Vie associative" not in association_page


def test_a_refused_assignment_re_renders_with_a_french_error(client_for, submitted, reviewer):
    empty = ReviewTeam.objects.create(name="Équipe vide")
    response = client_for(reviewer).post(reverse("support:assign", args=[submitted.pk]), {"team": empty.pk})
    assert response.status_code == 400
    assert "aucun·e agent·e en activité" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.team is None


def test_a_manager_cannot_assign_through_the_page(client_for, submitted, manager, team):
    response = client_for(manager).post(reverse("support:assign", args=[submitted.pk]), {"team": team.pk})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.team is None


def test_the_queue_filters_mine_my_teams_and_unassigned(client_for, reviewer, team):
    team.members.add(reviewer)
    other_team = ReviewTeam.objects.create(name="Finances")
    other_team.members.add(UserFactory(staff=True))
    mine = SupportRequestFactory(state="submitted", reviewer=reviewer)
    ours = SupportRequestFactory(state="in_review", team=team)
    theirs = SupportRequestFactory(state="submitted", team=other_team)
    nobodys = SupportRequestFactory(state="submitted")
    client = client_for(reviewer)

    def titles(**params):
        response = client.get(reverse("support:queue"), params)
        assert response.status_code == 200
        html = response.content.decode()
        return {r.title for r in (mine, ours, theirs, nobodys) if r.title in html}

    assert titles() == {mine.title, ours.title, theirs.title, nobodys.title}
    assert titles(assigned="mine") == {mine.title}
    assert titles(assigned="my_teams") == {ours.title}
    assert titles(assigned="nobody") == {nobodys.title}
    assert client.get(reverse("support:queue"), {"assigned": "everyone"}).status_code == 400


def test_the_queue_shows_teams_in_a_constant_number_of_queries(client_for, reviewer, team, django_assert_num_queries):
    client = client_for(reviewer)
    SupportRequestFactory(state="submitted", team=team)
    client.get(reverse("support:queue"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("support:queue"))
    for index in range(4):
        other = ReviewTeam.objects.create(name=f"Équipe {index}")
        SupportRequestFactory(
            state="submitted", team=other, reviewer=UserFactory(staff=True), association=AssociationFactory()
        )
    with django_assert_num_queries(len(first.captured_queries)):
        html = client.get(reverse("support:queue")).content.decode()
    assert "équipe Vie associative" in html and "équipe Équipe 3" in html


# --- API ----------------------------------------------------------------------------------------------


def test_staff_assign_a_team_through_the_api_and_a_left_out_key_is_kept(client_for, submitted, reviewer, team):
    client = client_for(reviewer)
    url = reverse("api:support-request-assign", args=[submitted.pk])
    response = client.post(url, {"reviewer": reviewer.pk}, content_type="application/json")
    assert response.status_code == 200 and response.json()["reviewer"] == reviewer.pk
    response = client.post(url, {"team": team.pk}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["reviewer"], response.json()["team"]) == (reviewer.pk, team.pk)
    assert response.json()["history"][-1]["assigned_team"] == "Vie associative"
    response = client.post(url, {"team": 999999}, content_type="application/json")
    assert response.status_code == 400 and "Cette équipe n'existe pas." in str(response.json())


def test_the_association_gets_no_assignment_in_the_api(client_for, submitted, reviewer, manager, team):
    review.assign(support_request=submitted, by=reviewer, team=team)
    client = client_for(manager)
    payload = client.get(reverse("api:support-request-detail", args=[submitted.pk])).json()
    assert "team" not in payload and "reviewer" not in payload
    assert [step["name"] for step in payload["history"]] == []
    response = client.post(
        reverse("api:support-request-assign", args=[submitted.pk]), {"team": team.pk}, content_type="application/json"
    )
    assert response.status_code == 403


# --- admin and personal data ---------------------------------------------------------------------------


def test_the_admin_offers_only_staff_as_team_members(client_for, team):
    admin = UserFactory(staff=True, is_superuser=True)
    neighbour = UserFactory(display_name="Voisine Zoé")
    html = client_for(admin).get(reverse("admin:support_reviewteam_change", args=[team.pk])).content.decode()
    assert "Alix" in html and neighbour.email not in html and "Voisine Zoé" not in html


def test_erasing_a_person_takes_them_out_of_teams_and_assignments(submitted, reviewer, team):
    from associations.support.personal_data import HANDLER

    alix = team.members.get(display_name="Alix")
    review.assign(support_request=submitted, by=reviewer, reviewer=alix, team=team)
    assert HANDLER.export(alix)["equipes_instruction"] == ["Vie associative"]
    HANDLER.erase(alix)
    assert not team.members.filter(pk=alix.pk).exists()
    assert not Transition.objects.filter(assigned_reviewer=alix).exists()
