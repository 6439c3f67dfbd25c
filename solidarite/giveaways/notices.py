"""Notifications of giveaways (``notifications.kinds``): rendered when read, in the reader's language.

A person is named by id (``people``), never by a stored name. Moderation uses help's own kinds
(``help.post_hidden``, ``help.moderation_warning``): one vocabulary for every neighbour's post.
"""

from django.urls import reverse
from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

GIFT_MATCHED = "giveaways.gift_matched"
GIFT_ACCEPTED = "giveaways.gift_accepted"
GIFT_RELEASED = "giveaways.gift_released"
GIFT_GIVEN = "giveaways.gift_given"


def register() -> None:
    kinds.register(
        GIFT_MATCHED,
        title=gettext_noop("Un don correspond à votre souhait : %(title)s"),
        body=gettext_noop("%(explanation)s. Dites vite si vous le prenez."),
        recipients="the wishers whose open wish a newly offered gift matches (the best ten at most)",
    )
    kinds.register(
        GIFT_ACCEPTED,
        title=gettext_noop("%(name)s prend votre don « %(title)s »"),
        body=gettext_noop("Vous voyez maintenant ses coordonnées ; elle ou il voit l'adresse de retrait."),
        recipients="the giver, when a wisher accepts the gift",
        people=("name",),
    )
    kinds.register(
        GIFT_RELEASED,
        title=gettext_noop("Le don « %(title)s » ne vous est plus réservé"),
        body=gettext_noop("La personne qui donne l'a retiré ou redonné. Votre souhait reste ouvert."),
        recipients="the wisher whose accepted match ends because the giver withdrew or released the gift",
    )
    kinds.register(
        GIFT_GIVEN,
        title=gettext_noop("Merci : le don « %(title)s » est noté comme remis"),
        body=gettext_noop("%(kg)s kg de plus qui ne finissent pas à la benne."),
        recipients="the wisher who took the gift, when the giver marks it given",
    )


def _url(gift) -> str:
    return reverse("giveaways:gift", args=[gift.pk])


def gift_matched(gift, matches) -> list[dict]:
    """One payload per match of a new gift (the URL reversed once for all)."""
    url = _url(gift)
    return [
        {
            "params": {"title": gift.title, "explanation": match.explanation},
            "url": url,
            "data": {"gift": gift.pk, "match": match.pk},
        }
        for match in matches
    ]


def gift_accepted(match, by) -> dict:
    gift = match.gift
    return {"params": {"title": gift.title}, "people": {"name": by.pk}, "url": _url(gift), "data": {"gift": gift.pk}}


def gift_released(gift) -> dict:
    return {"params": {"title": gift.title}, "url": _url(gift), "data": {"gift": gift.pk}}


def gift_given(gift) -> dict:
    kg = f"{gift.weight_kg}".replace(".", ",")
    return {"params": {"title": gift.title, "kg": kg}, "url": _url(gift), "data": {"gift": gift.pk}}
