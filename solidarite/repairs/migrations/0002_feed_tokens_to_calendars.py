# The feed tokens move to the one table of personal calendars (solidarite.calendars), secrets unchanged.

from django.db import migrations

from solidarite.calendars.moving import move_tokens


class Migration(migrations.Migration):
    dependencies = [
        ("repairs", "0001_initial"),
        ("calendars", "0001_initial"),
    ]

    operations = [
        move_tokens("repairs", "FeedToken", "repairs"),
        migrations.DeleteModel(name="FeedToken"),
    ]
