"""Every write of the épicerie goes through here: roles, orientations, codes, the till.

A refused rule raises ``GroceryError`` (a ``ValidationError`` with a plain French message) and saves
nothing; a person without the role gets ``PermissionDenied``. The till never overspends a month's
allowance, under concurrent tills: the household row is locked (PostgreSQL; SQLite serializes writers
at BEGIN IMMEDIATE), the spend is added by a conditional UPDATE, and a CHECK constraint
(``grocery_spend_within_allowance``) is the last word.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarite import intervals
from solidarite.accounts import ratelimit
from solidarite.accounts.roles import require_city_staff
from solidarite.grocery import codes, feeds
from solidarite.grocery.models import (
    Basket,
    EndReason,
    Grocery,
    Household,
    MonthlySpend,
    Orientation,
    Prescriber,
    SizeBand,
    Unit,
    Visit,
)
from solidarite.grocery.orientation_workflow import ORIENTATION
from solidarite.grocery.roles import require_manager, require_prescriber, require_till
from solidarite.money import euros
from solidarite.places.models import Quartier

Status = Orientation.Status
# A right is decided for a year at most; it is renewed beyond.
LONGEST_RIGHT = dt.timedelta(days=366)
# Allowances and amounts above these are typing mistakes (in cents, or points).
MAX_AMOUNT = {Unit.EUROS: 100_000, Unit.POINTS: 10_000}
# Code lookups: misses allowed per person or address per window (a typo or two a day at a till).
LOOKUP_MISSES = 10
LOOKUP_WINDOW_S = 15 * 60


class GroceryError(ValidationError):
    """A rule refused the request; ``messages`` are French, nothing was saved."""


def unknown_code() -> GroceryError:
    return GroceryError(_("Ce code n'est pas reconnu : vérifiez-le (10 caractères, ex. K7QM4-RXPWZ)."), code="unknown")


def today() -> dt.date:
    return timezone.now().astimezone(intervals.PARIS).date()


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def amount_text(grocery: Grocery, amount: int) -> str:
    if grocery.unit == Unit.EUROS:
        return euros(Decimal(amount) / 100)
    return _("%(count)s points") % {"count": amount}


def parse_amount(grocery: Grocery, text, *, allow_zero=False) -> int:
    """An amount as typed (``12,50`` euros or ``30`` points) in the unit's smallest part."""
    raw = str(text if text is not None else "").strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    raw = raw.removesuffix("€").removesuffix("points").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise GroceryError(_("Indiquez un montant, par exemple 12,50."), code="amount")
    amount = value * 100 if grocery.unit == Unit.EUROS else value
    if amount != amount.to_integral_value():
        raise GroceryError(_("Le montant a trop de décimales."), code="amount")
    amount = int(amount)
    if (amount == 0 and not allow_zero) or amount > MAX_AMOUNT[grocery.unit]:
        raise GroceryError(
            _("Indiquez un montant entre 0 et %(max)s.") % {"max": amount_text(grocery, MAX_AMOUNT[grocery.unit])},
            code="amount",
        )
    return amount


# --- roles -------------------------------------------------------------------------------------------


def grant_prescriber(*, by, user, kind: str, organisation: str) -> Prescriber:
    """City staff grant (or grant again) the prescriber role to a person of a structure."""
    require_city_staff(by)
    if kind not in Prescriber.Kind.values:
        raise GroceryError(_("Choisissez le type de structure."), code="kind")
    organisation = (organisation or "").strip()
    if not organisation or len(organisation) > 150:
        raise GroceryError(_("Indiquez le nom de la structure (150 caractères au plus)."), code="organisation")
    if not user.is_active:
        raise GroceryError(_("Ce compte n'est pas actif."), code="inactive")
    prescriber, _created = Prescriber.objects.update_or_create(
        user=user,
        defaults={
            "kind": kind,
            "organisation": organisation,
            "granted_by": by,
            "granted_at": timezone.now(),
            "revoked_at": None,
        },
    )
    return prescriber


def revoke_prescriber(*, by, prescriber: Prescriber) -> Prescriber:
    """The person keeps no access; the orientations they made stay with their structure."""
    require_city_staff(by)
    if prescriber.revoked_at is None:
        prescriber.revoked_at = timezone.now()
        prescriber.save(update_fields=["revoked_at"])
    return prescriber


def grant_volunteer(*, by, grocery: Grocery, user) -> None:
    require_manager(grocery, by)
    if not user.is_active:
        raise GroceryError(_("Ce compte n'est pas actif."), code="inactive")
    grocery.volunteers.add(user)


def revoke_volunteer(*, by, grocery: Grocery, user) -> None:
    require_manager(grocery, by)
    grocery.volunteers.remove(user)


# --- orientations ------------------------------------------------------------------------------------


def _check_right(grocery, starts_on: dt.date, ends_on: dt.date, allowance: int) -> None:
    if ends_on < starts_on:
        raise GroceryError(_("La fin du droit doit suivre son début."), code="dates")
    if ends_on - starts_on > LONGEST_RIGHT:
        raise GroceryError(_("Un droit dure un an au plus : renouvelez-le ensuite."), code="too_long")
    if ends_on < today():
        raise GroceryError(_("La fin du droit est déjà passée."), code="past")
    if not 0 < allowance <= MAX_AMOUNT[grocery.unit]:
        raise GroceryError(_("Indiquez le montant mensuel accordé."), code="allowance")


def orient(
    *,
    by,
    grocery: Grocery,
    size_band: str,
    starts_on: dt.date,
    ends_on: dt.date,
    allowance: int,
    contact: str = "",
    quartier: Quartier | None = None,
) -> tuple[Orientation, str]:
    """A prescriber orients a household: the decision, its dates, its allowance, and the town's quartier it
    lives in if it says so (``None``: would rather not say, or outside the town). Returns the orientation
    and the access code in clear, shown once to be handed to the household (only its hash is kept)."""
    prescriber = require_prescriber(by)
    if not grocery.is_active:
        raise GroceryError(_("Cette épicerie n'accueille pas de nouveaux foyers en ce moment."), code="inactive")
    if size_band not in SizeBand.values:
        raise GroceryError(_("Choisissez la taille du foyer."), code="size_band")
    if quartier is not None and not isinstance(quartier, Quartier):
        raise GroceryError(_("Choisissez le quartier dans la liste, ou « ne souhaite pas le dire »."), code="quartier")
    _check_right(grocery, starts_on, ends_on, allowance)
    contact = (contact or "").strip()
    if len(contact) > 150:
        raise GroceryError(_("Le contact tient en 150 caractères."), code="contact")
    for _attempt in range(5):
        code = codes.generate()
        try:
            with transaction.atomic():
                household = Household.objects.create(
                    grocery=grocery,
                    code_hash=codes.digest(code),
                    code_hint=codes.hint(code),
                    size_band=size_band,
                    contact=contact,
                )
                orientation = Orientation.objects.create(
                    household=household,
                    prescriber=prescriber,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    allowance=allowance,
                    quartier=quartier,
                )
                orientation.log.create(name="orient", from_state="", to_state=Status.ACTIVE, by=by)
        except IntegrityError:  # 50 bits: a clash of codes is all but impossible; draw again
            continue
        return orientation, code
    raise GroceryError(_("Impossible de créer un code : réessayez."), code="code")


def _locked(orientation) -> Orientation:
    return Orientation.objects.select_for_update().select_related("household__grocery").get(pk=orientation.pk)


def renew(*, by, orientation: Orientation, ends_on: dt.date, allowance: int | None = None) -> Orientation:
    """A new period of the same household's right (same code): it follows the old one, or starts today.
    The quartier the household gave goes on with it."""
    ORIENTATION.check(orientation, "renew", by)
    prescriber = require_prescriber(by)
    with transaction.atomic():
        current = _locked(orientation)
        starts_on = max(current.ends_on + dt.timedelta(days=1), today()) if current.status == Status.ACTIVE else today()
        allowance = current.allowance if allowance is None else allowance
        _check_right(current.household.grocery, starts_on, ends_on, allowance)
        ORIENTATION.move(current, "renew", by=by)
        renewed = Orientation.objects.create(
            household=current.household,
            prescriber=prescriber,
            starts_on=starts_on,
            ends_on=ends_on,
            allowance=allowance,
            quartier_id=current.quartier_id,
        )
        renewed.log.create(name="orient", from_state="", to_state=Status.ACTIVE, by=by)
    return renewed


def end(*, by, orientation: Orientation, reason: str = "") -> Orientation:
    """Stop a right before its end; the reason, if given, is one of ``EndReason`` (never free text)."""
    ORIENTATION.check(orientation, "end", by)
    reason = (reason or "").strip()
    if reason and reason not in EndReason.values:
        raise GroceryError(_("Choisissez la raison dans la liste, ou aucune."), code="reason")
    with transaction.atomic():
        current = _locked(orientation)
        ORIENTATION.move(current, "end", by=by, reason=reason)
    return current


def expire_due(*, on: dt.date | None = None) -> int:
    """The rights whose end has passed become « arrivée à échéance » (nightly, ``purge_grocery``)."""
    on = on or today()
    due = list(Orientation.objects.filter(status=Status.ACTIVE, ends_on__lt=on))
    if due:
        with transaction.atomic():
            ORIENTATION.move_many(due, "expire", by=None)
    return len(due)


# --- codes -------------------------------------------------------------------------------------------


def find_household(typed: str, *, who: str, grocery: Grocery | None = None) -> Household:
    """The household whose code this is. ``who`` names the one asking (an address, a till account):
    past ``LOOKUP_MISSES`` misses in the window, every lookup is refused, right or wrong."""
    bucket = "grocery-code:" + salted_hmac("solidarite.grocery.lookup", who, algorithm="sha256").hexdigest()
    hits, seconds_left = ratelimit.hit(bucket, window_s=LOOKUP_WINDOW_S)
    if hits > LOOKUP_MISSES:
        raise GroceryError(
            _("Trop de codes erronés : réessayez dans %(minutes)s minutes.")
            % {"minutes": max(1, int(seconds_left // 60) + 1)},
            code="throttled",
        )
    digests = codes.digests(typed)
    household = Household.objects.select_related("grocery").filter(code_hash__in=digests).first() if digests else None
    if household is None or (grocery is not None and household.grocery_id != grocery.pk):
        raise unknown_code()
    ratelimit.give_back(bucket, window_s=LOOKUP_WINDOW_S)
    return household


def current_orientation(household: Household, *, on: dt.date | None = None) -> Orientation | None:
    """The orientation that gives the right on that day: active, and the day within its dates."""
    on = on or today()
    return household.orientations.filter(status=Status.ACTIVE, starts_on__lte=on, ends_on__gte=on).first()


@dataclass(frozen=True)
class Card:
    """What the till and the household see: the right's end, this month's allowance and what is left."""

    orientation: Orientation | None
    allowance: int
    spent: int

    @property
    def valid(self) -> bool:
        return self.orientation is not None

    @property
    def valid_until(self) -> dt.date | None:
        return self.orientation.ends_on if self.orientation else None

    @property
    def left(self) -> int:
        return max(0, self.allowance - self.spent)


def card(household: Household, *, on: dt.date | None = None) -> Card:
    on = on or today()
    orientation = current_orientation(household, on=on)
    if orientation is None:
        return Card(None, 0, 0)
    spent = MonthlySpend.objects.filter(household=household, month=month_of(on)).values_list("spent", flat=True).first()
    return Card(orientation, orientation.allowance, spent or 0)


def valid_until_text(value: dt.date) -> str:
    return _("Droit valable jusqu'au %(date)s") % {"date": date_format(value, "j F Y")}


def set_household_link(*, household: Household, user=None, contact: str | None = None) -> Household:
    """The household's own choice, from its space: link the signed-in account (or unlink: ``user``
    None) and give or remove a contact. Nothing else about it can be changed there."""
    fields = []
    if user is not None and not user.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour lier votre compte."))
    household.account = user
    fields.append("account")
    if contact is not None:
        contact = contact.strip()
        if len(contact) > 150:
            raise GroceryError(_("Le contact tient en 150 caractères."), code="contact")
        household.contact = contact
        fields.append("contact")
    household.save(update_fields=fields)
    return household


# --- the till ----------------------------------------------------------------------------------------


def record_visit(*, by, grocery: Grocery, household: Household, amount: int) -> Visit:
    """A volunteer records a passage and its amount; refused (nothing saved) past the month's allowance."""
    require_till(grocery, by)
    if household.grocery_id != grocery.pk:
        raise unknown_code()
    if not 0 < amount <= MAX_AMOUNT[grocery.unit]:
        raise GroceryError(_("Indiquez le montant du passage."), code="amount")
    now = timezone.now()
    day = now.astimezone(intervals.PARIS).date()
    with transaction.atomic():
        # One till at a time per household: the others wait here, then see the new balance.
        Household.objects.select_for_update().filter(pk=household.pk).values_list("pk", flat=True).first()
        orientation = current_orientation(household, on=day)
        if orientation is None:
            raise GroceryError(_("Ce foyer n'a pas de droit en cours : orientez-le vers son CCAS."), code="no_right")
        spend, _created = MonthlySpend.objects.get_or_create(
            household=household, month=month_of(day), defaults={"allowance": orientation.allowance}
        )
        if spend.allowance != orientation.allowance:
            # A renewal changed the allowance this month; what was spent stays spent.
            MonthlySpend.objects.filter(pk=spend.pk).update(allowance=max(orientation.allowance, spend.spent))
        added = MonthlySpend.objects.filter(pk=spend.pk, spent__lte=F("allowance") - amount).update(
            spent=F("spent") + amount
        )
        if not added:
            left = MonthlySpend.objects.filter(pk=spend.pk).values_list("allowance", "spent").get()
            raise GroceryError(
                _("Ce montant dépasse ce qui reste ce mois-ci : %(left)s.")
                % {"left": amount_text(grocery, max(0, left[0] - left[1]))},
                code="overspent",
            )
        # The quartier is copied, as the size band is: the figures by quartier outlive the purge.
        visit = Visit.objects.create(
            grocery=grocery,
            household=household,
            size_band=household.size_band,
            quartier_id=orientation.quartier_id,
            amount=amount,
            at=now,
            by=by,
        )
        # The basket was for this visit: its allergies have served and go (today's or an earlier slot's).
        tomorrow = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=intervals.PARIS)
        Basket.objects.filter(booking__household=household, booking__start__lt=tomorrow).delete()
        feeds.day_changed(grocery.pk, "visits")
    return visit


def require_visible_orientation(orientation: Orientation, user) -> None:
    """Its structure's prescribers and the épicerie's managers see an orientation; 403 for others."""
    if not ORIENTATION.roles(orientation, user):
        raise PermissionDenied(_("Cette orientation n'est pas la vôtre."))
