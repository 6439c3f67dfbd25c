"""The data migration that moved each app's own feed-token table into ``calendars.FeedToken``.

The secret strings are copied as they are, so the addresses people subscribed to keep working; the date
each was made is kept too (the retention of idle feeds counts from it). Backwards, the rows go back.
"""

from django.db import migrations


def move_tokens(app_label: str, model_name: str, feed: str) -> migrations.RunPython:
    def forward(apps, schema_editor):
        old = apps.get_model(app_label, model_name)
        new = apps.get_model("calendars", "FeedToken")
        for row in old.objects.all().iterator():
            made = new.objects.create(user_id=row.user_id, feed=feed, token=row.token)
            new.objects.filter(pk=made.pk).update(created_at=row.created_at)  # auto_now would say "today"

    def backward(apps, schema_editor):
        old = apps.get_model(app_label, model_name)
        new = apps.get_model("calendars", "FeedToken")
        for row in new.objects.filter(feed=feed).iterator():
            made = old.objects.create(user_id=row.user_id, token=row.token)
            old.objects.filter(pk=made.pk).update(created_at=row.created_at)
        new.objects.filter(feed=feed).delete()

    return migrations.RunPython(forward, backward)
