"""Help offers: post, and pause / resume / close (``help.workflow.OFFER``). Matching runs after
the post's commit (``alerts.match_offer``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_poster
from solidarite.help.alerts import match_offer
from solidarite.help.checks import (
    CANNOT_POST,
    MAX_RADIUS_KM,
    check_post_rate,
    clean_category,
    clean_tags,
    clean_text,
    locate,
    located,
)
from solidarite.help.feeds import push_public_on_commit
from solidarite.help.models import HelpOffer, OfferCategory
from solidarite.help.workflow import OFFER


def post_offer(
    *,
    by,
    categories,
    description,
    radius_km,
    quartier=None,
    point=None,
    tags=(),
    available_from=None,
    available_until=None,
    weekly_slots=(),
    alerts=HelpOffer.Alerts.IMMEDIATE,
    alerts_per_day=3,
) -> HelpOffer:
    require_poster(by, CANNOT_POST)
    errors = {}
    cats = []
    for value in categories or ():
        category = clean_category(value, errors, field="categories")
        if category is None:
            break
        cats.append(category)
    if not cats and "categories" not in errors:
        errors["categories"] = _("Choisissez au moins une catégorie.")
    description = clean_text(description, errors)
    tags = clean_tags(tags, errors)
    private, quartier = locate(quartier=quartier, point=point, errors=errors)
    try:
        radius_km = float(radius_km)
    except (TypeError, ValueError):
        radius_km = -1
    if not (0 < radius_km <= MAX_RADIUS_KM):
        errors["radius_km"] = _("Choisissez une distance entre 0,1 et %(max)s km.") % {"max": int(MAX_RADIUS_KM)}
    today = timezone.localdate()
    if available_until and available_until < today:
        errors["available_until"] = _("Cette date est déjà passée.")
    elif available_from and available_until and available_until < available_from:
        errors["available_until"] = _("La fin doit venir après le début.")
    slots = [list(s) for s in weekly_slots or ()]
    for slot in slots:
        if not (len(slot) == 3 and 0 <= slot[0] <= 6 and 0 <= slot[1] < slot[2] <= 1440):
            errors["weekly_slots"] = _("Créneau non valable.")
    if alerts not in dict(HelpOffer.Alerts.choices):
        errors["alerts"] = _("Choix d'alertes inconnu.")
    if not (1 <= int(alerts_per_day or 0) <= 50):
        errors["alerts_per_day"] = _("Entre 1 et 50 alertes par jour.")
    if errors:
        raise ValidationError(errors)
    check_post_rate(by)
    with transaction.atomic():
        offer = HelpOffer.objects.create(
            author=by,
            description=description,
            radius_km=radius_km,
            **located(private, quartier),
            available_from=available_from,
            available_until=available_until,
            weekly_slots=slots,
            alerts=alerts,
            alerts_per_day=alerts_per_day,
        )
        OfferCategory.objects.bulk_create(
            OfferCategory(offer=offer, category=c, latitude=private.lat, longitude=private.lon) for c in cats
        )
        if tags:
            offer.tags.set(tags)
        offer_id = offer.pk
        transaction.on_commit(lambda: match_offer(offer_id=offer_id))
        push_public_on_commit("posted", offer)
    return offer


def offer_transition(*, offer, by, name) -> HelpOffer:
    """pause / resume / close (``help.workflow.OFFER``), by the author only."""
    step = OFFER.check(offer, name, by)
    if step.target == HelpOffer.Status.OPEN:
        require_poster(by, CANNOT_POST)
    with transaction.atomic():
        OFFER.move(offer, name, by=by)
        if step.target == HelpOffer.Status.OPEN:
            offer_id = offer.pk
            transaction.on_commit(lambda: match_offer(offer_id=offer_id))
            push_public_on_commit("posted", offer)
        else:
            push_public_on_commit("removed", offer)
    return offer
