"""The secret addresses of a person's calendars (RGPD): exported as the feeds they have, erased with them."""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.calendars.models import FeedToken

    tokens = FeedToken.objects.filter(user=user).order_by("feed")
    return {"calendriers_prives": [str(token.get_feed_display()) for token in tokens]}


def erase(user):
    from solidarite.calendars.models import FeedToken

    FeedToken.objects.filter(user=user).delete()


def handler() -> PersonalDataHandler:
    from solidarite.calendars.models import FeedToken

    return PersonalDataHandler(label="calendriers", models=(FeedToken,), export=export, erase=erase, order=60)
