# The feed tokens move to the one table of personal calendars (solidarite.calendars), secrets unchanged.

from django.db import migrations

from solidarite.calendars.moving import move_tokens


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0006_waitlist_reminders"),
        ("calendars", "0001_initial"),
    ]

    operations = [
        move_tokens("rights", "AgentFeedToken", "rights"),
        migrations.DeleteModel(name="AgentFeedToken"),
    ]
