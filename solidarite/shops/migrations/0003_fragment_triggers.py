"""What the cached shop list and the agenda read of shops renews the "listings" token when written
(solidarite.fragments; the shops' themes are watched with the directory's, in taggit's tables).

Replaces, under the same names, the triggers fragments/0001 gave these tables on databases migrated before.
"""

from django.db import migrations

from solidarite.fragments.triggers import RenewOnWrite


class Migration(migrations.Migration):
    dependencies = [("shops", "0002_contact_details_checked"), ("fragments", "0001_initial")]

    operations = [
        RenewOnWrite("shops_shop", areas=["listings"]),
        RenewOnWrite("shops_initiative", areas=["listings"]),
    ]
