"""A household prepares a basket for its slot from what the épicerie has in stock.

The household (by its code) picks categories that are in stock now and, if it wants, the allergens to
avoid. Allergies are health data: they are taken only with the household's explicit consent, shown
only to the till and the managers of its épicerie, and deleted at the visit, at the slot's
cancellation or once the slot has passed (``forget_past``, run by ``purge_grocery``).
"""

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.grocery import feeds
from solidarite.grocery.models import Allergen, Basket, Grocery, Household, SlotBooking
from solidarite.grocery.services import GroceryError
from solidarite.grocery.surplus_models import Category, StockMove


def in_stock(grocery: Grocery) -> list[tuple[str, str]]:
    """(code, label) of the categories of which more came in than went out, in the categories' order."""
    rows = (
        StockMove.objects.filter(grocery=grocery)
        .values("category")
        .annotate(kg_in=Sum("kg", filter=Q(direction="in")), kg_out=Sum("kg", filter=Q(direction="out")))
    )
    left = {row["category"] for row in rows if (row["kg_in"] or 0) > (row["kg_out"] or 0)}
    return [(code, str(label)) for code, label in Category.choices if code in left]


def _booking(household: Household, booking_id) -> SlotBooking:
    booking = (
        SlotBooking.objects.filter(
            household=household, status=SlotBooking.Status.BOOKED, end__gt=timezone.now(), pk=booking_id
        )
        .select_related("grocery")
        .first()
        if str(booking_id).isdigit() and len(str(booking_id)) < 19
        else None
    )
    if booking is None:
        raise GroceryError(_("Ce créneau n'est pas (ou plus) réservé pour vous."), code="stale")
    return booking


def prepare(*, household: Household, booking_id, categories, allergens=(), consent: bool = False) -> Basket:
    """Set (or replace) the basket of the household's upcoming slot. Refused, nothing saved, when a
    category is not in stock, an allergen unknown, or allergies come without consent."""
    booking = _booking(household, booking_id)
    wanted = list(dict.fromkeys(categories or []))
    available = {code for code, _label in in_stock(booking.grocery)}
    if not wanted:
        raise GroceryError(_("Choisissez au moins une catégorie parmi ce qui est en stock."), code="categories")
    if any(c not in available for c in wanted):
        raise GroceryError(
            _("Une catégorie choisie n'est plus en stock : choisissez parmi la liste."), code="categories"
        )
    avoid = list(dict.fromkeys(allergens or []))
    if any(a not in Allergen.values for a in avoid):
        raise GroceryError(_("Choisissez les allergies dans la liste."), code="allergens")
    if avoid and not consent:
        raise GroceryError(
            _("Cochez la case d'accord pour que l'épicerie tienne compte de vos allergies."), code="consent"
        )
    order = {code: i for i, code in enumerate(Category.values)}
    wanted.sort(key=order.__getitem__)
    with transaction.atomic():
        basket, _created = Basket.objects.update_or_create(
            booking=booking,
            defaults={"categories": wanted, "allergens": sorted(avoid), "updated_at": timezone.now()},
        )
        feeds.day_changed(booking.grocery_id, "baskets")
    return basket


def remove(*, household: Household, booking_id) -> None:
    booking = _booking(household, booking_id)
    with transaction.atomic():
        if Basket.objects.filter(booking=booking).delete()[0]:
            feeds.day_changed(booking.grocery_id, "baskets")


def forget_past(*, now=None) -> int:
    """Baskets of slots that have ended, or are no longer booked: their allergies are deleted."""
    now = now or timezone.now()
    stale = Q(booking__end__lte=now) | ~Q(booking__status=SlotBooking.Status.BOOKED)
    return Basket.objects.filter(stale).delete()[1].get("grocery.Basket", 0)
