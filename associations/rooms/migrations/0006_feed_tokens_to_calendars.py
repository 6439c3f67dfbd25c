# The feed tokens move to the one table of personal calendars (solidarite.calendars), secrets unchanged.

from django.db import migrations

from solidarite.calendars.moving import move_tokens


class Migration(migrations.Migration):
    dependencies = [
        ("rooms", "0005_transition_log"),
        ("calendars", "0001_initial"),
    ]

    operations = [
        move_tokens("rooms", "FeedToken", "rooms"),
        migrations.DeleteModel(name="FeedToken"),
    ]
