"""PostgreSQL: two booked appointments of one permanence can never overlap (exclusion constraint).

The operation is the rooms' own (``solidarite.intervals.no_overlap``); on SQLite it does nothing and
the serialized check of ``appointments.book`` is the guarantee.
"""

from django.db import migrations

from solidarite.intervals import no_overlap


class Migration(migrations.Migration):
    dependencies = [("rights", "0002_permanences")]

    operations = [
        no_overlap(
            table="rights_appointment",
            constraint="rights_appointment_no_overlap",
            resource_column="permanence_id",
            active=("booked",),
        )
    ]
