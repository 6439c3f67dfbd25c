"""The free mediator flag is gone: mediators are grants in social-action structures (``rights``,
whose migration 0005 turns the flags into grants first).

Raw SQL both ways so that SQLite changes the table in place: Django's reverse (a NOT NULL column
added) would rebuild ``accounts_user`` and silently drop the ``fragments`` triggers on it
(docs/decisions.md, "Trap (SQLite)").
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_drf_tokens_hashed")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="user", name="is_mediator")],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE accounts_user DROP COLUMN is_mediator",
                    reverse_sql="ALTER TABLE accounts_user ADD COLUMN is_mediator boolean NOT NULL DEFAULT false",
                )
            ],
        )
    ]
