"""The notifications of accounts, each declared once (``notifications.kinds``): its text, rendered
when read, and who receives it. The msgids are the ones these texts always had."""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

SELF = "the account's own person"
KINDS = {
    "accounts.welcome": {
        "title": gettext_noop("Bienvenue sur Solidarité !"),
        "body": gettext_noop("Votre adresse est confirmée. Vous pouvez demander ou proposer de l'aide."),
        "recipients": SELF + ", once their address is confirmed",
    },
    "accounts.profile_updated": {
        "title": gettext_noop("Votre profil a été modifié"),
        "body": gettext_noop("Si ce n'est pas vous, changez votre mot de passe."),
        "recipients": SELF,
    },
    "accounts.api_token_created": {
        "title": gettext_noop("Un jeton d'API a été créé pour votre compte"),
        "body": gettext_noop("Si ce n'est pas vous, révoquez-le sur votre profil et changez votre mot de passe."),
        "recipients": SELF,
    },
    "accounts.suspended": {
        "title": gettext_noop("Votre compte est suspendu"),
        "recipients": SELF + " (the body is the staff's reason)",
    },
    "accounts.unsuspended": {"title": gettext_noop("Votre compte est de nouveau actif"), "recipients": SELF},
}


def register() -> None:
    for name, spec in KINDS.items():
        kinds.register(name, **spec)
