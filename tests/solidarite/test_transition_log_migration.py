"""The transition logs took one shape (``solidarite.workflow.TransitionLog``) by renaming their
columns: the rows written before the migration are all still there, with their states."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("help", "0002_categories"), ("rooms", "0004_room_photos")]
AFTER = [("help", "0003_transition_log"), ("rooms", "0005_transition_log")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_log_rows_written_before_the_migration_are_kept():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    # The users as the database has them: going back to help 0002 leaves accounts' migrations applied.
    old = executor.loader.project_state(BEFORE + executor.loader.graph.leaf_nodes("accounts")).apps
    user = old.get_model("accounts", "User").objects.create(email="log@example.org", display_name="Log")
    # Made here: a transactional test before this one may have flushed the seeded rows.
    quartier = old.get_model("places", "Quartier").objects.create(
        name="Quartier du log", slug="quartier-du-log", latitude=47.19, longitude=-1.55
    )
    category = old.get_model("help", "Category").objects.create(name="Catégorie du log", slug="categorie-du-log")
    at = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)
    point = {"latitude": 47.19, "longitude": -1.55, "public_latitude": 47.19, "public_longitude": -1.55}
    request = old.get_model("help", "HelpRequest").objects.create(
        author=user,
        category=category,
        description="Besoin d'aide",
        window_start=at,
        window_end=at + dt.timedelta(days=1),
        quartier=quartier,
        **point,
    )
    offer = old.get_model("help", "HelpOffer").objects.create(
        author=user, description="Je peux", radius_km=2, quartier=quartier, **point
    )
    match = old.get_model("help", "Match").objects.create(request=request, offer=offer, score=1, explanation="x")
    old.get_model("help", "MatchTransition").objects.create(
        match=match, name="offer_help", from_status="proposed", to_status="offered", by=user, reason="oui"
    )
    room = old.get_model("rooms", "Room").objects.create(name="Salle Test", slug="salle-test", capacity=10)
    booking = old.get_model("rooms", "Booking").objects.create(
        room=room, neighbour=user, title="Réunion", start=at, end=at + dt.timedelta(hours=1), status="confirmed"
    )
    old.get_model("rooms", "Transition").objects.create(
        booking=booking, name="book", from_status="", to_status="confirmed", by=user
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(AFTER).apps
    log = new.get_model("help", "MatchTransition").objects.get()
    assert (log.name, log.from_state, log.to_state, log.by_id, log.reason) == (
        "offer_help",
        "proposed",
        "offered",
        user.pk,
        "oui",
    )
    step = new.get_model("rooms", "Transition").objects.get()
    assert (step.name, step.from_state, step.to_state, step.by_id) == ("book", "", "confirmed", user.pk)
