"""The estimate's notification kinds (``notifications.kinds``): rendered when read, in the reader's language."""

from django.utils.translation import gettext_noop

from solidarite.notifications import kinds

# « Un rappel si rien ne bouge » (reminders.py): a step of « mes démarches » unchanged for the delay the
# person chose. The text names the aid only: the claim's page is behind the person's login.
CLAIM_STALE = "estimate.claim_stale"
CLAIM_STALE_TITLE = gettext_noop("Où en est votre démarche : %(aid)s ?")
CLAIM_STALE_BODY = gettext_noop(
    "Rien n'a bougé depuis %(days)s jours (%(state)s). Si la demande avance, notez-le ; sinon, une permanence "
    "peut vous aider."
)


def register() -> None:
    kinds.register(
        CLAIM_STALE,
        title=CLAIM_STALE_TITLE,
        body=CLAIM_STALE_BODY,
        recipients="the person of a claim whose step has not moved for the delay they chose",
    )


def claim_stale(title: str, days: int, state: str) -> dict:
    from django.urls import reverse

    return {"params": {"aid": title, "days": days, "state": state}, "url": reverse("estimate:claims")}
