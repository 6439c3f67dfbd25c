"""The notifications of neighbourhood help, each declared once (``notifications.kinds``): its text,
rendered when read from ``params`` and ``people`` ids, and who receives it.

The msgids are the ones these texts always had, so their translations still apply.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

from solidarite.notifications import kinds

# A match step -> the kind that tells the other side (``matches.transition``).
STEP_KINDS = {
    "offer_help": "help.help_offered",
    "accept": "help.match_accepted",
    "decline": "help.match_declined",
    "withdraw": "help.match_withdrawn",
    "mark_done": "help.match_done",
}
OTHER_SIDE = "the other side of the match (Match.objects.involving)"
PROPOSED = gettext_noop("Un·e voisin·e a besoin d'aide : %(category)s")

KINDS = {
    # Matching a new post (``alerts``).
    "help.helpers_found": {
        "title": ngettext_lazy("%(n)s voisin·e peut vous aider", "%(n)s voisin·es peuvent vous aider", "n"),
        "recipients": "the author of a new request that matched offers",
    },
    "help.requests_found": {
        "title": ngettext_lazy(
            "%(n)s demande près de chez vous correspond à votre proposition",
            "%(n)s demandes près de chez vous correspondent à votre proposition",
            "n",
        ),
        "recipients": "the author of a new offer that matched requests",
    },
    "help.match_proposed": {
        "title": PROPOSED,
        "recipients": "the author of an offer a new request matches, within their alert cap (pushed)",
    },
    "help.match_proposed_quiet": {
        "title": PROPOSED,
        "recipients": "the author of an offer a new request matches, past their cap or on the digest (not pushed)",
    },
    "help.helper_found": {
        "title": gettext_noop("Un·e voisin·e peut vous aider"),
        "recipients": "the author of a request a new offer matches",
    },
    "help.digest": {
        "title": ngettext_lazy("%(n)s demande d'aide vous attend", "%(n)s demandes d'aide vous attendent", "n"),
        "recipients": "offerers whose matches waited quietly in the last day (expire_help_posts --digest)",
    },
    # The steps of a match (``matches``): the text names the person who acted.
    "help.help_offered": {
        "title": gettext_noop("%(name)s propose de vous aider"),
        "recipients": OTHER_SIDE,
        "people": ("name",),
    },
    "help.match_accepted": {
        "title": gettext_noop("%(name)s accepte votre aide : la conversation est ouverte"),
        "recipients": OTHER_SIDE,
        "people": ("name",),
    },
    "help.match_declined": {
        "title": gettext_noop("%(name)s a trouvé de l'aide autrement, merci !"),
        "recipients": OTHER_SIDE,
        "people": ("name",),
    },
    "help.match_withdrawn": {
        "title": gettext_noop("%(name)s s'est retiré·e de la mise en relation"),
        "recipients": OTHER_SIDE,
        "people": ("name",),
    },
    "help.match_done": {
        "title": gettext_noop("%(name)s indique que l'aide a eu lieu, merci !"),
        "recipients": OTHER_SIDE,
        "people": ("name",),
    },
    "help.message": {
        "title": gettext_noop("Nouveau message de %(name)s"),
        "recipients": OTHER_SIDE,
        "people": ("name",),
    },
    # Moderation (``reporting``) and expiry (``expiry``).
    "help.post_hidden": {
        "title": gettext_noop("Votre publication a été masquée"),
        "recipients": "the author of the reported post or message",
    },
    "help.moderation_warning": {
        "title": gettext_noop("Un avertissement de la modération"),
        "recipients": "the author of the reported post or message (warned or suspended)",
    },
    "help.offer_expiring": {
        "title": gettext_noop("Votre proposition d'aide se termine demain"),
        "body": gettext_noop("Vous pouvez la prolonger en publiant une nouvelle proposition."),
        "recipients": "the author of an open offer whose availability ends tomorrow",
    },
    # An erased account (``erasure``): who it was is never said.
    "help.partner_gone": {
        "title": gettext_noop("La personne avec qui vous étiez en relation a supprimé son compte"),
        "recipients": "the other side of an accepted match whose person erased their account",
    },
    "help.pending_match_gone": {
        "title": gettext_noop("Une mise en relation est retirée : la personne a supprimé son compte"),
        "recipients": "the other side of a pending match whose person erased their account",
    },
}


def register() -> None:
    for name, spec in KINDS.items():
        kinds.register(name, **spec)
