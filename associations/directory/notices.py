"""The notifications of the directory, each declared once (``notifications.kinds``): its text,
rendered when read from ``params`` and ``people`` ids, and who receives it.

The msgids are the ones these texts always had, so their translations still apply.
"""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

MANAGERS = "the association's managers (Association.managers_to_notify)"
PARTICIPANTS = "who said they come or help (the action's participations)"
KINDS = {
    "directory.verified": {"title": gettext_noop("La page « %(name)s » est vérifiée"), "recipients": MANAGERS},
    "directory.refused": {"title": gettext_noop("La page « %(name)s » est refusée"), "recipients": MANAGERS},
    "directory.postal_code_accepted": {
        "title": gettext_noop("La ville accepte le code postal %(code)s pour « %(name)s »"),
        "body": gettext_noop("Vous pouvez maintenant l'enregistrer sur la page de l'association."),
        "recipients": MANAGERS,
    },
    "directory.hidden": {
        "title": gettext_noop("La page « %(name)s » est masquée par la ville"),
        "recipients": MANAGERS,
    },
    "directory.merged": {
        "title": gettext_noop("La page « %(duplicate)s » a été fusionnée dans « %(name)s »"),
        "recipients": MANAGERS + " of the page kept",
    },
    "directory.dissolved": {
        "title": gettext_noop("La page « %(name)s » est masquée : l'association est dissoute selon le RNA"),
        "body": gettext_noop("Dissolution enregistrée au %(date)s. Si c'est une erreur, écrivez à la ville."),
        "recipients": "the association's managers (memberships), when the RNA import finds it dissolved",
    },
    "directory.manager_invitation": {
        "title": gettext_noop("Invitation à devenir responsable de « %(name)s »"),
        "body": gettext_noop("Ouvrez la page pour accepter ou refuser."),
        "recipients": "the account using the invited e-mail address, if there is one",
    },
    "directory.manager_added": {
        "title": gettext_noop("%(who)s est maintenant responsable de « %(name)s »"),
        "recipients": MANAGERS + ", but the new one",
        "people": ("who",),
    },
    "directory.manager_left": {
        "title": gettext_noop("%(who)s n'est plus responsable de « %(name)s »"),
        "recipients": MANAGERS + " who stay",
        "people": ("who",),
    },
    "directory.manager_invitation_declined": {
        "title": gettext_noop("%(who)s ne souhaite pas devenir responsable de « %(name)s »"),
        "recipients": "the manager who invited them, if still a manager",
        "people": ("who",),
    },
    "directory.volunteer": {
        "title": gettext_noop("%(who)s donne un coup de main pour « %(title)s »"),
        "recipients": MANAGERS + ", but the volunteer",
        "people": ("who",),
    },
    "directory.action_changed": {"title": gettext_noop("« %(title)s » a changé"), "recipients": PARTICIPANTS},
    "directory.action_cancelled": {
        "title": gettext_noop("« %(title)s » est annulée"),
        "recipients": PARTICIPANTS + " (the body is the managers' reason)",
    },
}


def register() -> None:
    for name, spec in KINDS.items():
        kinds.register(name, **spec)


def about(person, **params) -> dict:
    """The payload of a text that names a person: the person by id (``who``), the rest as plain values."""
    return {"people": {"who": person.pk}, "params": params}
