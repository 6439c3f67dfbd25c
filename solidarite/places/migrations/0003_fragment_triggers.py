"""Every public list names quartiers (help feeds, directory, agenda, shops): a change to one renews them all.

Replaces, under the same names, the triggers fragments/0001 gave this table on databases migrated before.
"""

from django.db import migrations

from solidarite.fragments.triggers import RenewOnWrite


class Migration(migrations.Migration):
    dependencies = [("places", "0002_reze_quartiers"), ("fragments", "0001_initial")]

    operations = [RenewOnWrite("places_quartier", areas=["help", "listings"])]
