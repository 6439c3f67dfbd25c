"""The old free ``User.is_mediator`` flag becomes grants, where the promise holds.

Each flagged person gets a mediator grant in every social-action structure they are a member of; a
flagged person who belongs to none loses the capability (staff grant it again once they join one:
``Association.is_social_action`` is now enforced). Runs before accounts drops the column.
"""

from django.db import migrations


def _flag_column_exists(schema_editor) -> bool:
    """Whether accounts_user still has the column: a partial rollback (back past this migration, not
    past accounts.0006) leaves it dropped, and there is then nothing to read or write back."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "accounts_user")
    return any(column.name == "is_mediator" for column in columns)


def forwards(apps, schema_editor):
    if not _flag_column_exists(schema_editor):
        return
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("directory", "Membership")
    MediatorGrant = apps.get_model("rights", "MediatorGrant")
    flagged = User.objects.filter(is_mediator=True).values("pk")
    memberships = Membership.objects.filter(user__in=flagged, association__is_social_action=True)
    MediatorGrant.objects.bulk_create(
        [MediatorGrant(user_id=m.user_id, association_id=m.association_id) for m in memberships],
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    if not _flag_column_exists(schema_editor):
        return
    User = apps.get_model("accounts", "User")
    MediatorGrant = apps.get_model("rights", "MediatorGrant")
    User.objects.filter(pk__in=MediatorGrant.objects.values("user")).update(is_mediator=True)


class Migration(migrations.Migration):
    dependencies = [("rights", "0004_mandates")]
    run_before = [("accounts", "0006_remove_user_is_mediator")]

    operations = [migrations.RunPython(forwards, backwards)]
