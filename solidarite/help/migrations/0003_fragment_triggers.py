"""What the cached help feeds read renews the "help" token when written (solidarite.fragments).

Replaces, under the same names, the triggers fragments/0001 gave these tables on databases migrated before.
"""

from django.db import migrations

from solidarite.fragments.triggers import RenewOnChange, RenewOnWrite

# The feeds show their authors' display names: renaming an author (someone with a help post) renews them.
# Other people's names, and every other column of a user (logins, activity), are on no list.
IS_AUTHOR = " OR ".join(
    f"EXISTS (SELECT 1 FROM {table} WHERE author_id = NEW.id)" for table in ("help_helprequest", "help_helpoffer")
)


def drop_legacy_author_function(apps, schema_editor):
    """fragments/0001 tested authorship in ``fragments_renew_author()``; the trigger now has its own function."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS fragments_renew_author()")


class Migration(migrations.Migration):
    dependencies = [("help", "0002_categories"), ("fragments", "0001_initial")]

    operations = [
        RenewOnWrite("help_helprequest", areas=["help"]),
        RenewOnWrite("help_helpoffer", areas=["help"]),
        RenewOnWrite("help_category", areas=["help"]),
        RenewOnWrite("help_offercategory", areas=["help"]),
        RenewOnChange("accounts_user", "display_name", areas=["help"], condition=IS_AUTHOR),
        migrations.RunPython(drop_legacy_author_function, migrations.RunPython.noop),
    ]
