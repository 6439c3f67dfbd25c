"""The old free ``User.is_mediator`` flag becomes grants, where the promise holds.

Each flagged person gets a mediator grant in every social-action structure they are a member of; a
flagged person who belongs to none loses the capability (staff grant it again once they join one:
``Association.is_social_action`` is now enforced). Runs before accounts drops the column.
"""

from django.db import migrations


def forwards(apps, schema_editor):
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
    User = apps.get_model("accounts", "User")
    MediatorGrant = apps.get_model("rights", "MediatorGrant")
    User.objects.filter(pk__in=MediatorGrant.objects.values("user")).update(is_mediator=True)


class Migration(migrations.Migration):
    dependencies = [("rights", "0004_mandates")]
    run_before = [("accounts", "0006_remove_user_is_mediator")]

    operations = [migrations.RunPython(forwards, backwards)]
