"""Directory notifications whose text names a person: rendered when read (``notifications.kinds``).

The msgids are the ones these texts always had, so their translations still apply.
"""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

TEXTS = {
    "directory.manager_added": gettext_noop("%(who)s est maintenant responsable de « %(name)s »"),
    "directory.manager_left": gettext_noop("%(who)s n'est plus responsable de « %(name)s »"),
    "directory.volunteer": gettext_noop("%(who)s donne un coup de main pour « %(title)s »"),
    "directory.manager_invitation_declined": gettext_noop(
        "%(who)s ne souhaite pas devenir responsable de « %(name)s »"
    ),
}


def register() -> None:
    for kind, title in TEXTS.items():
        kinds.register(kind, title=title)


def about(person, **params) -> dict:
    """The payload of such a text: the person by id (``who``), the rest as plain values."""
    return {"people": {"who": person.pk}, "params": params}
