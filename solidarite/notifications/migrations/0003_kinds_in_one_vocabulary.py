"""Notification kinds in one vocabulary, ``<app>.<event>`` (``notifications.kinds``): the rows written
under the old names take the new ones. A name that covered two texts is split by the text stored
(French, the language rows were written in); their stored text is kept as it is."""

from django.db import migrations

RENAMED = {
    "help_offered": "help.help_offered",
    "help_accepted": "help.match_accepted",
    "help_declined": "help.match_declined",
    "help_withdrawn": "help.match_withdrawn",
    "help_done": "help.match_done",
    "help_message": "help.message",
    "help_digest": "help.digest",
    "help_offer_expiring": "help.offer_expiring",
    "help_match_quiet": "help.match_proposed_quiet",
    "welcome": "accounts.welcome",
    "profile_updated": "accounts.profile_updated",
    "api_token_created": "accounts.api_token_created",
    "account_suspended": "accounts.suspended",
    "account_unsuspended": "accounts.unsuspended",
}
# (old kind, start of the stored title, new kind): checked before the fallback of SPLIT.
BY_TITLE = [
    ("help_match", "Un·e voisin·e a besoin d'aide", "help.match_proposed"),
    ("help_moderation", "Votre publication a été masquée", "help.post_hidden"),
    ("help_partner_gone", "Une mise en relation est retirée", "help.pending_match_gone"),
    ("shops.claim", "Demande de gestion à examiner", "shops.claim_existing"),
    ("shops.claim", "Demandes concurrentes", "shops.claims_competing"),
    ("rooms.requested", "Demande envoyée à la mairie", "rooms.request_sent"),
    ("rights.appointment_cancelled", "Votre rendez-vous est annulé", "rights.appointment_cancelled_for_resident"),
]
SPLIT = {
    "help_match": "help.helper_found",
    "help_moderation": "help.moderation_warning",
    "help_partner_gone": "help.partner_gone",
}


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    rows = Notification.objects
    rows.filter(kind="help_matches", data__has_key="request").update(kind="help.helpers_found")
    rows.filter(kind="help_matches").update(kind="help.requests_found")
    rows.filter(kind="shops.claim_rejected", title__contains="n'a pas été retenue").update(kind="shops.claim_outrun")
    rows.filter(kind="support.assigned", title__contains="à l'équipe").update(kind="support.assigned_team")
    for old, start, new in BY_TITLE:
        if old != new:
            rows.filter(kind=old, title__startswith=start).update(kind=new)
    for old, new in SPLIT.items():
        rows.filter(kind=old).update(kind=new)
    for old, new in RENAMED.items():
        rows.filter(kind=old).update(kind=new)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_notification_refs")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
