"""Repair cafés' use cases: mark an action, record objects and outcomes, pre-register, follow, feeds.

One function per use case, called alike by the pages and the API. A refusal raises ``ValidationError``
(400) or ``PermissionDenied`` (403) with a French message and changes nothing.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory.editing import require_manager
from associations.directory.models import Action
from solidarite import intervals
from solidarite.accounts.roles import require_poster
from solidarite.calendars import services as calendars
from solidarite.calendars.models import FeedToken
from solidarite.repairs import ords
from solidarite.repairs.models import Follow, RepairCafe, RepairCredit, RepairRecord
from solidarite.repairs.roles import require_volunteer, volunteers
from solidarite.repairs.workflow import RECORD

# How far ahead the list and the feeds show sessions.
HORIZON = dt.timedelta(days=120)
# A resident pre-registers a few objects per session, not a stock (the volunteers' time is short).
MAX_PREREGISTERED = 3
# ORDS asks for a problem text without personal data: refuse e-mails and phone numbers in it.
PERSONAL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?:\+33|0)\s*[1-9](?:[\s.-]*\d{2}){4}")


@dataclass(frozen=True)
class Session:
    action: Action
    start: dt.datetime
    end: dt.datetime

    @property
    def day(self) -> dt.date:
        return self.start.astimezone(intervals.PARIS).date()


def today() -> dt.date:
    return timezone.localdate()


# --- sessions ------------------------------------------------------------------------------------


def cafes():
    """Published, public actions marked as repair cafés."""
    return Action.objects.public().filter(repair_cafe__isnull=False).select_related("association", "quartier")


def upcoming_sessions(*, now=None, associations=None) -> list[Session]:
    now = now or timezone.now()
    actions = cafes().upcoming(now)
    if associations is not None:
        actions = actions.filter(association__in=associations)
    found = []
    for action in actions:
        for start in action.occurrence_starts(start=now, end=now + HORIZON):
            found.append(Session(action, start, start + action.duration))
    return sorted(found, key=lambda s: (s.start, s.action.pk))


def session(action: Action, day: dt.date) -> Session:
    """The occurrence of ``action`` on ``day``, or a refusal (not a repair café, no session that day)."""
    if not RepairCafe.objects.filter(action=action).exists() or action.is_cancelled:
        raise ValidationError(_("Cette action n'est pas un repair café."))
    start = dt.datetime.combine(day, dt.time(), tzinfo=intervals.PARIS)
    starts = action.occurrence_starts(start=start, end=start + dt.timedelta(days=1))
    starts = [s for s in starts if s.astimezone(intervals.PARIS).date() == day]
    if not starts:
        raise ValidationError(_("Ce repair café n'a pas de session ce jour-là."))
    return Session(action, starts[0], starts[0] + action.duration)


@transaction.atomic
def mark(action: Action, *, by) -> RepairCafe:
    """An association manager makes an action a repair café: each occurrence becomes a session."""
    require_manager(by, action.association)
    return RepairCafe.objects.get_or_create(action=action, defaults={"marked_by": by})[0]


@transaction.atomic
def unmark(action: Action, *, by) -> None:
    require_manager(by, action.association)
    if RepairRecord.objects.filter(action=action).exists():
        raise ValidationError(_("Des objets sont déjà notés pour ce repair café : il le reste."))
    RepairCafe.objects.filter(action=action).delete()


# --- records -------------------------------------------------------------------------------------


def _clean_fields(fields: dict, *, weight_required: bool) -> dict:
    errors = {}
    category = fields.get("product_category")
    try:
        category = int(category)
    except (TypeError, ValueError):
        category = None
    if category not in ords.CATEGORY_TEXT:
        errors["product_category"] = _("Choisissez une catégorie d'appareil dans la liste.")
    problem = (fields.get("problem") or "").strip()
    if not problem:
        errors["problem"] = _("Décrivez la panne en quelques mots.")
    elif len(problem) > 500:
        errors["problem"] = _("La panne tient en 500 caractères au plus.")
    elif PERSONAL.search(problem):
        errors["problem"] = _("Ne notez ni e-mail ni téléphone dans la panne : ce texte est publié sans nom.")
    brand = (fields.get("brand") or "").strip()
    if len(brand) > 80:
        errors["brand"] = _("La marque tient en 80 caractères au plus.")
    age = _decimal(fields.get("product_age"))
    if age is False or (age is not None and not Decimal("0") <= age <= Decimal("150")):
        errors["product_age"] = _("L'âge est un nombre d'années entre 0 et 150.")
    weight = _decimal(fields.get("weight_kg"))
    if weight is False or (weight is not None and not Decimal("0.01") <= weight <= Decimal("500")):
        errors["weight_kg"] = _("Le poids est un nombre de kilos entre 0,01 et 500.")
    elif weight is None and weight_required:
        errors["weight_kg"] = _("Pesez l'objet : son poids compte dans les kilos réparés.")
    if errors:
        raise ValidationError(errors)
    return {
        "product_category": category,
        "problem": problem,
        "brand": brand,
        "product_age": age.quantize(Decimal("0.1")) if age is not None else None,
        "weight_kg": weight.quantize(Decimal("0.01")) if weight is not None else None,
    }


def _decimal(value):
    """A Decimal, None when empty, False when not a number (a French comma is a decimal point)."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return False
    return number if number.is_finite() else False


@transaction.atomic
def record(action: Action, day: dt.date, *, by, **fields) -> RepairRecord:
    """A volunteer records an object brought in at the session, weighed."""
    found = session(action, day)
    require_volunteer(by, action)
    clean = _clean_fields(fields, weight_required=True)
    row = RepairRecord.objects.create(
        action=action, event_date=found.day, status=RepairRecord.Status.BROUGHT, quartier=action.quartier, **clean
    )
    RECORD._log(row, RECORD.step("arrive"), "", by, "").save()
    return row


@transaction.atomic
def preregister(action: Action, day: dt.date, *, by, product_category, problem, brand="") -> RepairRecord:
    """A resident announces an object before the session (a category and the problem, nothing else)."""
    require_poster(by)
    found = session(action, day)
    if found.start <= timezone.now():
        raise ValidationError(_("Cette session a commencé : apportez l'objet directement."))
    clean = _clean_fields(
        {"product_category": product_category, "problem": problem, "brand": brand}, weight_required=False
    )
    # Lock the person's row so that two tabs cannot pass the cap together.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    mine = RepairRecord.objects.of_session(action, found.day).filter(owner=by, status=RepairRecord.Status.PREREGISTERED)
    if mine.count() >= MAX_PREREGISTERED:
        raise ValidationError(
            _("Vous avez déjà inscrit %(n)d objets à cette session : c'est le maximum.") % {"n": MAX_PREREGISTERED}
        )
    return RepairRecord.objects.create(
        action=action,
        event_date=found.day,
        status=RepairRecord.Status.PREREGISTERED,
        owner=by,
        quartier=action.quartier,
        **clean,
    )


def _locked(record: RepairRecord) -> RepairRecord:
    return RepairRecord.objects.select_for_update().select_related("action").get(pk=record.pk)


@transaction.atomic
def arrive(record: RepairRecord, *, by, **fields) -> RepairRecord:
    """The pre-registered object is at the session: a volunteer weighs it and completes its fields."""
    record = _locked(record)
    RECORD.check(record, "arrive", by)
    merged = {
        "product_category": fields.get("product_category", record.product_category),
        "problem": fields.get("problem", record.problem),
        "brand": fields.get("brand", record.brand),
        "product_age": fields.get("product_age", record.product_age),
        "weight_kg": fields.get("weight_kg"),
    }
    for name, value in _clean_fields(merged, weight_required=True).items():
        setattr(record, name, value)
    RECORD.move(record, "arrive", by=by, save_fields=list(merged))
    return record


@transaction.atomic
def set_outcome(record: RepairRecord, *, by, repair_status, repair_barrier=None, repairers=()) -> RepairRecord:
    """A volunteer notes the outcome (fixed, repairable, end of life) and who repaired it."""
    record = _locked(record)
    RECORD.check(record, "outcome", by)
    errors = {}
    try:
        status = int(repair_status)
    except (TypeError, ValueError):
        status = None
    if status not in (ords.FIXED, ords.REPAIRABLE, ords.END_OF_LIFE):
        errors["repair_status"] = _("Choisissez l'issue : réparé, réparable ou fin de vie.")
    barrier = None
    if repair_barrier not in (None, ""):
        try:
            barrier = int(repair_barrier)
        except (TypeError, ValueError):
            barrier = -1
        if barrier not in ords.BARRIER_TEXT:
            errors["repair_barrier"] = _("Choisissez l'obstacle dans la liste.")
        elif status != ords.END_OF_LIFE:
            errors["repair_barrier"] = _("L'obstacle ne se note que pour un appareil en fin de vie.")
    people = list(volunteers(record.action).filter(pk__in=[int(p) for p in repairers if str(p).isdigit()]))
    if len(people) != len({str(p) for p in repairers}):
        errors["repairers"] = _("Seul·es les bénévoles de ce repair café peuvent être crédité·es.")
    if errors:
        raise ValidationError(errors)
    record.repair_status, record.repair_barrier = status, barrier
    RECORD.move(record, "outcome", by=by, save_fields=["repair_status", "repair_barrier"])
    RepairCredit.objects.filter(record=record).exclude(repairer__in=people).delete()
    RepairCredit.objects.bulk_create(
        [RepairCredit(record=record, repairer=person) for person in people], ignore_conflicts=True
    )
    return record


@transaction.atomic
def withdraw(record: RepairRecord, *, by) -> RepairRecord:
    record = _locked(record)
    RECORD.check(record, "withdraw", by)
    RECORD.move(record, "withdraw", by=by)
    return record


# --- following and the personal calendar ---------------------------------------------------------


def follow(association, *, by) -> Follow:
    require_poster(by)
    if not cafes().filter(association=association).exists():
        raise ValidationError(_("Cette association n'organise pas de repair café."))
    try:
        with transaction.atomic():
            return Follow.objects.get_or_create(user=by, association=association)[0]
    except IntegrityError:  # the same click twice at once
        return Follow.objects.get(user=by, association=association)


def unfollow(association, *, by) -> None:
    require_poster(by)
    Follow.objects.filter(user=by, association=association).delete()


def feed_token(user) -> FeedToken:
    require_poster(user)
    return calendars.ensure(user, calendars.Feed.REPAIRS)


def renew_feed_token(user) -> FeedToken:
    """A new secret address: the old one stops working at once."""
    require_poster(user)
    return calendars.renew(user, calendars.Feed.REPAIRS)


def revoke_feed_token(user) -> None:
    if not user.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour faire cela."))
    calendars.revoke(user, calendars.Feed.REPAIRS)


def feed_owner(token: str):
    return calendars.owner(token, calendars.Feed.REPAIRS)


def followed_sessions(user, *, now=None) -> list[Session]:
    followed = Follow.objects.filter(user=user).values("association")
    return upcoming_sessions(now=now, associations=followed)


def association_section(association) -> dict:
    """What an association's page shows (``repairs/includes/association_section.html``): its upcoming
    actions, each saying whether it is a repair café (managers mark them there); one query."""
    from django.db.models import Exists, OuterRef

    actions = (
        Action.objects.published()
        .upcoming()
        .filter(association=association)
        .annotate(is_repair_cafe=Exists(RepairCafe.objects.filter(action=OuterRef("pk"))))
        .order_by("starts_at", "pk")[:20]
    )
    actions = list(actions)
    return {"repairs_actions": actions, "repairs_cafes": [a for a in actions if a.is_repair_cafe]}
