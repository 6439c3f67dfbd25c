"""Issue 15: the free ``is_mediator`` flag and the consent box become grants and mandates.

A flagged member of a social-action structure becomes its mediator; a flagged person in no such
structure loses the role. Their requests for a resident get one mandate per (structure, resident):
scope help requests, consent « before mandates », running until a month after the last window (past
that: created expired, its copy of the name purged)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0005_drf_tokens_hashed"), ("rights", "0004_mandates"), ("help", "0005_request_mandate")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flags_become_grants_and_old_requests_get_mandates():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    Association = old.get_model("directory", "Association")
    Membership = old.get_model("directory", "Membership")
    HelpRequest = old.get_model("help", "HelpRequest")
    nadia = User.objects.create(email="nadia@exemple.fr", display_name="Nadia", is_mediator=True)
    lone = User.objects.create(email="seule@exemple.fr", display_name="Seule", is_mediator=True)
    social = Association.objects.create(name="Secours", slug="secours-migr", purpose="x", is_social_action=True)
    theatre = Association.objects.create(name="Théâtre", slug="theatre-migr", purpose="x")
    Membership.objects.create(association=social, user=nadia)
    Membership.objects.create(association=theatre, user=lone)
    quartier = old.get_model("places", "Quartier").objects.create(
        name="Quartier migr", slug="quartier-migr", latitude=47.19, longitude=-1.55
    )
    category = old.get_model("help", "Category").objects.create(name="Démarches migr", slug="demarches-migr")
    now = timezone.now()
    point = {"latitude": 47.19, "longitude": -1.55, "public_latitude": 47.19, "public_longitude": -1.55}

    def post(author, name, start, days, status="open"):
        return HelpRequest.objects.create(
            author=author,
            category=category,
            description="Un dossier à remplir",
            window_start=start,
            window_end=start + dt.timedelta(days=days),
            quartier=quartier,
            status=status,
            resident_name=name,
            resident_phone="02 40 11 22 33",
            consent_recorded_at=start,
            consent_recorded_by=author,
            **point,
        )

    running = post(nadia, "Mme Durand", now - dt.timedelta(days=2), 7)
    again = post(nadia, "Mme Durand", now - dt.timedelta(days=1), 10)  # the same resident: one mandate
    old_one = post(nadia, "M. Leroy", now - dt.timedelta(days=120), 3, status="closed")
    orphan = post(lone, "Mme Petit", now - dt.timedelta(days=1), 5)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    Grant = new.get_model("rights", "MediatorGrant")
    Mandate = new.get_model("rights", "Mandate")
    Request = new.get_model("help", "HelpRequest")

    assert list(Grant.objects.values_list("user_id", "association_id")) == [(nadia.pk, social.pk)]
    durand = Mandate.objects.get(structure_id=social.pk, status="active")
    assert (durand.resident_name, durand.consent_method, durand.scope_help_requests) == ("Mme Durand", "legacy", True)
    assert not durand.scope_appointments and durand.recorded_by_id == nadia.pk
    assert durand.ends_on == timezone.localdate(again.window_end + dt.timedelta(days=30))
    assert new.get_model("rights", "MandateAct").objects.filter(mandate=durand).count() == 2
    assert set(Request.objects.filter(mandate=durand).values_list("pk", flat=True)) == {running.pk, again.pk}
    leroy = Mandate.objects.get(status="expired")
    assert (leroy.resident_name, leroy.resident_phone) == ("", "") and leroy.purged_at is not None
    assert Request.objects.get(pk=old_one.pk).mandate_id == leroy.pk
    kept = Request.objects.get(pk=orphan.pk)  # no structure: the old record, the old retention
    assert kept.mandate_id is None and kept.resident_name == "Mme Petit"
