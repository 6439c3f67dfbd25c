"""The reviewer's alert when an aid's review date has passed (``notifications.kinds``).

Registered rather than stored as text: the aid's title is a parameter, so each reader gets the
notice in their own language (the alert is written once, by a nightly command, in no one's language).
"""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

REVIEW_DUE = "rights.review_due"
REVIEW_DUE_TITLE = gettext_noop("Fiche à relire : %(aid)s")
REVIEW_DUE_BODY = gettext_noop(
    "La date de relecture (%(date)s) est passée : vérifiez la fiche sur sa source, puis marquez-la vérifiée."
)


def register() -> None:
    kinds.register(REVIEW_DUE, title=REVIEW_DUE_TITLE, body=REVIEW_DUE_BODY)


def review_due(aid, date_text: str) -> dict:
    return {"params": {"aid": aid.title, "date": date_text}, "url": aid.get_absolute_url()}
