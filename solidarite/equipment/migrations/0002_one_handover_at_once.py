from django.db import migrations

from solidarite import intervals


class Migration(migrations.Migration):
    dependencies = [("equipment", "0001_initial")]

    operations = [
        intervals.no_overlap(
            table="equipment_equipmentrequest",
            constraint="equipment_one_handover_at_once",
            resource_column="place_id",
            active=("booked",),
        )
    ]
