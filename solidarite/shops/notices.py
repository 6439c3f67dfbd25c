"""The notifications of shops, each declared once (``notifications.kinds``): its text, rendered when
read, and who receives it. The msgids are the ones these texts always had."""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

STAFF = "city staff in activity (User.objects.city_staff_to_notify)"
CLAIMANT = "the person who claimed the shop"
KINDS = {
    "shops.claim": {"title": gettext_noop("Nouveau commerce à vérifier : %(name)s"), "recipients": STAFF},
    "shops.claim_existing": {"title": gettext_noop("Demande de gestion à examiner : %(name)s"), "recipients": STAFF},
    "shops.claims_competing": {"title": gettext_noop("Demandes concurrentes pour %(name)s"), "recipients": STAFF},
    "shops.claim_approved": {"title": gettext_noop("Vous gérez désormais %(name)s"), "recipients": CLAIMANT},
    "shops.claim_outrun": {
        "title": gettext_noop("Votre demande pour %(name)s n'a pas été retenue"),
        "recipients": CLAIMANT + ", when another claim for the shop is approved",
    },
    "shops.claim_rejected": {
        "title": gettext_noop("Votre demande pour %(name)s n'a pas été acceptée"),
        "recipients": CLAIMANT + " (the body is the staff's reason)",
    },
    "shops.partnership": {
        "title": gettext_noop("%(shop)s cite votre association : %(title)s"),
        "recipients": "the partner association's managers (Association.managers_to_notify)",
    },
}


def register() -> None:
    for name, spec in KINDS.items():
        kinds.register(name, **spec)
