"""PostgreSQL: two active bookings of one room can never overlap (exclusion constraint, btree_gist).

SQLite has no exclusion constraint; there the check runs inside the serialized write transaction
(``services``), so this migration does nothing on other databases.
"""

from django.db import migrations

CONSTRAINT = "rooms_booking_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    # Half-open ranges: a booking ending at 14:00 and the next one starting at 14:00 do not clash.
    schema_editor.execute(
        f"ALTER TABLE rooms_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(room_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        "WHERE (status IN ('requested', 'confirmed'))"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE rooms_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("rooms", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint, elidable=False)]
