"""What the cached directory and agenda lists read renews the "listings" token when written
(solidarite.fragments).

Replaces, under the same names, the triggers fragments/0001 gave these tables on databases migrated before.
"""

from django.db import migrations

from solidarite.fragments.triggers import RenewOnWrite


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_rna_dates_and_dissolution"),
        ("fragments", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        RenewOnWrite("directory_association", areas=["listings"]),
        RenewOnWrite("directory_action", areas=["listings"]),
        # Themes: taggit's tables have no migration of ours. The directory, the lowest app whose lists show
        # them, declares them; the shops' and the agenda's themes are in the same tables and the same area.
        RenewOnWrite("taggit_tag", areas=["listings"]),
        RenewOnWrite("taggit_taggeditem", areas=["listings"]),
    ]
