"""The three feed-token tables became one: addresses people subscribed to before keep working after."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from solidarite.calendars.models import FeedToken

BEFORE = [
    ("rooms", "0005_transition_log"),
    ("rights", "0006_waitlist_reminders"),
    ("repairs", "0001_initial"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_addresses_keep_working_after_the_move(client):
    executor = MigrationExecutor(connection)
    old = executor.migrate([*BEFORE, ("calendars", None)]).apps  # every other app stays where it is
    User = old.get_model("accounts", "User")
    manager = User.objects.create(email="salles@exemple.fr", display_name="Salles")
    agent = User.objects.create(email="agent@exemple.fr", display_name="Agent")
    resident = User.objects.create(email="repair@exemple.fr", display_name="Repair")
    tokens = {
        "rooms": old.get_model("rooms", "FeedToken").objects.create(user=manager).token,
        "rights": old.get_model("rights", "AgentFeedToken").objects.create(user=agent).token,
        "repairs": old.get_model("repairs", "FeedToken").objects.create(user=resident).token,
    }
    long_ago = timezone.now() - dt.timedelta(days=400)
    old.get_model("repairs", "FeedToken").objects.update(created_at=long_ago)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    moved = {row.feed: row for row in FeedToken.objects.all()}
    assert {feed: row.token for feed, row in moved.items()} == tokens
    assert [moved["rooms"].user_id, moved["rights"].user_id, moved["repairs"].user_id] == [
        manager.pk,
        agent.pk,
        resident.pk,
    ]
    assert moved["repairs"].created_at == long_ago  # the idle feeds' retention still counts from the making
    for name, token in [
        ("rooms:private_feed", tokens["rooms"]),
        ("rights:agent_feed", tokens["rights"]),
        ("repairs:feed", tokens["repairs"]),
    ]:
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/calendar")
    # An address still opens only the calendar it was made for.
    assert client.get(reverse("repairs:feed", args=[tokens["rooms"]])).status_code == 404
