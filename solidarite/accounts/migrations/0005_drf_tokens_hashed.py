"""DRF's authtoken app kept its keys in clear. Each becomes a hashed personal access token (the
same key keeps working, sent as ``Token <key>`` or ``Bearer <key>``), then its table goes: no
secret stays readable in the database. Nothing to do on a database that never had the app."""

import hashlib
from datetime import UTC

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

NAME = "Jeton d'avant (à remplacer)"


def hash_drf_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                user_id=user_id,
                name=NAME,
                prefix=key[:8],
                digest=hashlib.sha256(key.encode()).hexdigest(),
                created_at=_aware(created),
            )
            for key, user_id, created in rows
        ]
    )
    schema_editor.execute("DROP TABLE authtoken_token")
    # Should the app ever come back, its migrations then create its table again.
    schema_editor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")


def _aware(value):
    # SQLite hands back what it stored: a string, or a naive datetime in UTC.
    value = parse_datetime(value) if isinstance(value, str) else value
    if value is None:
        return timezone.now()
    return value.replace(tzinfo=UTC) if timezone.is_naive(value) else value


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_api_token")]

    operations = [migrations.RunPython(hash_drf_tokens, migrations.RunPython.noop)]
