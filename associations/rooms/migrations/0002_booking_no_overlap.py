"""PostgreSQL: two active bookings of one room can never overlap (exclusion constraint, btree_gist).

SQLite has no exclusion constraint; there the check runs inside the serialized write transaction
(``services``), so this migration does nothing on other databases. The operation is
``solidarite.intervals.no_overlap``, shared with the permanences' appointments.
"""

from django.db import migrations

from solidarite.intervals import no_overlap

CONSTRAINT = "rooms_booking_no_overlap"


class Migration(migrations.Migration):
    dependencies = [("rooms", "0001_initial")]

    operations = [
        no_overlap(
            table="rooms_booking", constraint=CONSTRAINT, resource_column="room_id", active=("requested", "confirmed")
        )
    ]
