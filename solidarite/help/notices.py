"""Help notifications whose text names a person: rendered when read (``notifications.kinds``)."""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

MESSAGE_TITLE = gettext_noop("Nouveau message de %(name)s")


def register() -> None:
    from solidarite.help.matches import TRANSITION_TITLES

    for kind, title in TRANSITION_TITLES.values():
        kinds.register(kind, title=title)
    kinds.register("help_message", title=MESSAGE_TITLE)
