"""The waiting list of a garden: a person joins it (with their consent to its rules) or leaves it.

Joining when a plot is free and nobody else waits for it offers that plot at once.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.gardens import offers
from solidarite.gardens.models import Application, Garden, Offer, Plot
from solidarite.gardens.workflow import APPLICATION

OPEN = (Application.Status.WAITING, Application.Status.OFFERED)


def apply(*, by, garden: Garden, quartier=None, wants_accessible: bool = False, consent: bool = False) -> Application:
    require_poster(by, _("Connectez-vous pour vous inscrire sur une liste d'attente."))
    if not garden.is_active:
        raise ValidationError(_("Ce jardin ne prend pas d'inscriptions en ce moment."))
    if not consent:
        raise ValidationError(
            {
                "consent": _(
                    "Cochez la case pour accepter les règles de la liste d'attente et la conservation de vos données."
                )
            }
        )
    now = timezone.now()
    already = ValidationError(_("Vous êtes déjà sur la liste d'attente de ce jardin."))
    if Application.objects.filter(garden=garden, person=by, status__in=OPEN).exists():
        raise already
    try:
        with transaction.atomic():
            application = Application.objects.create(
                garden=garden,
                person=by,
                quartier=quartier,
                wants_accessible=wants_accessible,
                consent_at=now,
                created_at=now,
                queued_at=now,
            )
    except IntegrityError:  # the same person, twice at once: the constraint keeps one
        raise already from None
    if Plot.objects.filter(garden=garden, status=Plot.Status.FREE).exists():
        offers._offer_all_free(garden)
        application.refresh_from_db()
    return application


def withdraw(*, by, application: Application) -> Application:
    """The applicant leaves the list (or a manager removes them): a plot offered to them goes to the next."""
    require_poster(by)
    with transaction.atomic():
        return _withdraw(application, by=by, check=True)


def _withdraw(application: Application, *, by, check: bool) -> Application:
    # Offer first, then the application: the order every use case locks them in.
    live = Offer.objects.select_for_update().filter(application=application, status=Offer.Status.PROPOSED).first()
    application = Application.objects.select_for_update().select_related("garden").get(pk=application.pk)
    if check:
        APPLICATION.check(application, "withdraw", by)
    elif application.status not in OPEN:
        return application
    if live is not None:
        offers.end_offer(live, "withdraw", by=by, requeue=False)
        application.refresh_from_db()
    application.closed_at = timezone.now()
    APPLICATION.move(application, "withdraw", by=by, save_fields=["closed_at"])
    return application


def withdraw_all(person) -> int:
    """Every open application of a person (their account is erased): live offers go to the next applicant."""
    count = 0
    for application in Application.objects.filter(person=person, status__in=OPEN):
        with transaction.atomic():
            _withdraw(application, by=None, check=False)
            count += 1
    return count
