"""Surplus offers from shops, matched live against the épicerie's needs, accepted by its managers.

Matching ranks every open épicerie that needs the offer's category with the help matcher's own score
(``solidarite.help.matching.blend``): distance within the collection radius, the épicerie's opening
hours left before the offer must be collected (its "time in common"), the category shared, the
freshness of the need. The managers of each matched épicerie are told at once (one notification each,
pushed to their socket after commit); the first épicerie to accept takes it (row lock), the shop's owner
is told, and the others' matches stay as history.

Life cycle (``solidarite.workflow``): open --accept--> accepted (a manager of a matched épicerie);
open --withdraw--> withdrawn (the shop's owner); open --expire--> expired (the platform, past ``until``).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from associations.directory.actions import publish_partner_action
from associations.directory.models import Action
from solidarite import intervals
from solidarite.accounts.models import User
from solidarite.grocery import notices
from solidarite.grocery.models import Grocery
from solidarite.grocery.roles import require_manager
from solidarite.grocery.services import GroceryError
from solidarite.grocery.surplus_models import Category, Need, StockMove, SurplusMatch, SurplusOffer
from solidarite.help.matching import blend, format_distance
from solidarite.notifications.services import notify_many
from solidarite.places.geo import Point, distance_km
from solidarite.workflow import SYSTEM, Machine, Step

Status = SurplusOffer.Status
SHOPKEEPER, MANAGER = "shopkeeper", "manager"
# How far an épicerie's volunteers go to collect.
COLLECT_RADIUS_KM = 10.0
LONGEST_OFFER = dt.timedelta(days=7)


def _roles(offer, user) -> set[str]:
    roles = set()
    if offer.shop.is_owner(user):
        roles.add(SHOPKEEPER)
    # A list read it for all its offers at once (``read_roles``); a single offer asks here.
    known = getattr(offer, "_reader_manages_a_match", None)
    manages = known[1] if known and known[0] == user.pk else None
    if manages is None:
        manages = Grocery.objects.filter(surplus_matches__offer=offer, managers=user).exists()
    if manages:
        roles.add(MANAGER)
    return roles


def read_roles(offers, user) -> list[SurplusOffer]:
    """The offers of a list, each knowing whether ``user`` manages one of its matched épiceries: one
    query for the list instead of one per offer when its steps are shown."""
    offers = list(offers)
    managed = set()
    if user.is_authenticated and offers:
        managed = set(
            SurplusMatch.objects.filter(offer__in=offers, grocery__managers=user).values_list("offer_id", flat=True)
        )
    for offer in offers:
        offer._reader_manages_a_match = (user.pk, offer.pk in managed)
    return offers


SURPLUS = Machine(
    field="status",
    roles=_roles,
    refused={
        MANAGER: gettext_lazy("Seul·es les responsables d'une épicerie à qui l'offre est proposée l'acceptent."),
        SHOPKEEPER: gettext_lazy("Seul·e le ou la commerçant·e retire son offre."),
    },
    steps=[
        Step(
            "accept",
            gettext_lazy("Accepter et venir chercher"),
            (Status.OPEN,),
            Status.ACCEPTED,
            MANAGER,
            slug="accepter",
        ),
        Step(
            "withdraw",
            gettext_lazy("Retirer l'offre"),
            (Status.OPEN,),
            Status.WITHDRAWN,
            SHOPKEEPER,
            slug="retirer",
            style="danger",
        ),
        Step("expire", gettext_lazy("Passé"), (Status.OPEN,), Status.EXPIRED, SYSTEM),
    ],
)


def _point(grocery: Grocery) -> Point | None:
    if grocery.latitude is None or grocery.longitude is None:
        return None
    return Point(float(grocery.latitude), float(grocery.longitude))


def candidates(offer: SurplusOffer, *, now=None) -> list[tuple[Grocery, float, str]]:
    """The épiceries that need this offer, best first: (épicerie, score, explanation)."""
    now = now or timezone.now()
    if offer.shop.latitude is None or offer.shop.longitude is None:
        return []
    shop = Point(offer.shop.latitude, offer.shop.longitude)
    found = []
    for need in Need.objects.filter(category=offer.category, grocery__is_active=True).select_related("grocery"):
        grocery = need.grocery
        point = _point(grocery)
        if point is None:
            continue
        distance = distance_km(shop, point)
        if distance > COLLECT_RADIUS_KM:
            continue
        # The épicerie's open hours before the offer must be collected: when its volunteers can go.
        opens = intervals.open_intervals(grocery.effective_hours, intervals.wall(now), intervals.wall(offer.until))
        if not opens:
            continue
        overlap_h = sum((b - a).total_seconds() for a, b in opens) / 3600
        score = blend(
            distance_km=distance,
            radius_km=COLLECT_RADIUS_KM,
            overlap_h=overlap_h,
            tags_a={offer.category},
            tags_b={need.category},
            age_days=(now - need.updated_at).total_seconds() / 86400,
        )
        explanation = " · ".join([format_distance(distance), offer.get_category_display(), f"{offer.kg} kg"])
        found.append((grocery, score, explanation))
    return sorted(found, key=lambda row: -row[1])


def offer_surplus(*, by, shop, category: str, what: str, kg, until: dt.datetime, pickup: str = "") -> SurplusOffer:
    """A shop's owner offers surplus; matched épiceries' managers are told after commit."""
    now = timezone.now()
    if not shop.is_owner(by):
        raise PermissionDenied(_("Seul·e le ou la commerçant·e de ce commerce propose ses invendus."))
    if category not in Category.values:
        raise GroceryError(_("Choisissez une catégorie."), code="category")
    what = (what or "").strip()
    if not what or len(what) > 200:
        raise GroceryError(_("Dites ce que vous proposez (200 caractères au plus)."), code="what")
    kg = Decimal(str(kg))
    if not Decimal("0") < kg <= Decimal("5000"):
        raise GroceryError(_("Indiquez le poids, en kg (5 000 au plus)."), code="kg")
    until = intervals.aware(until)
    if not now < until <= now + LONGEST_OFFER:
        raise GroceryError(_("La date limite doit être dans les 7 prochains jours."), code="until")
    with transaction.atomic():
        offer = SurplusOffer.objects.create(
            shop=shop, category=category, what=what, kg=kg, until=until, pickup=(pickup or "")[:200], created_at=now
        )
        found = candidates(offer, now=now)
        SurplusMatch.objects.bulk_create(
            [SurplusMatch(offer=offer, grocery=g, score=score, explanation=text) for g, score, text in found]
        )
        payload = notices.surplus_offered(offer)
        # One query for every matched épicerie's managers (a manager of two is told once).
        matched = [g for g, _s, _t in found]
        managers = {m.pk: m for m in User.objects.filter(grocery_managed__in=matched, is_active=True)}
        notify_many([(manager, notices.SURPLUS_OFFERED, payload) for manager in managers.values()])
    return offer


def take(*, by, offer: SurplusOffer, step: str, grocery: Grocery | None = None) -> SurplusOffer:
    """The page's one entry: a manager accepts for one of their matched épiceries, the owner withdraws."""
    SURPLUS.check(offer, step, by)
    with transaction.atomic():
        current = SurplusOffer.objects.select_for_update().select_related("shop").get(pk=offer.pk)
        if step == "accept":
            grocery = grocery or Grocery.objects.filter(surplus_matches__offer=current, managers=by).first()
            if grocery is None or not grocery.is_manager(by) or not current.matches.filter(grocery=grocery).exists():
                raise PermissionDenied(str(SURPLUS._refused[MANAGER]))
            if current.until <= timezone.now():
                raise GroceryError(_("Trop tard : l'heure limite de cette offre est passée."), code="late")
            current.accepted_by = grocery
            current.collection = _publish_collection(current, grocery, by)
            SURPLUS.move(current, "accept", by=by, save_fields=["accepted_by", "collection"])
            # What the épicerie accepted enters its stock (the kg rescued of its monthly figures).
            StockMove.objects.create(
                grocery=grocery,
                category=current.category,
                kg=current.kg,
                direction=StockMove.Direction.IN,
                source=StockMove.Source.SURPLUS,
                offer=current,
                at=timezone.now(),
            )
            if current.shop.owner_id:
                notify_many([(current.shop.owner, notices.SURPLUS_ACCEPTED, notices.surplus_accepted(current))])
        else:
            SURPLUS.move(current, step, by=by)
    return current


def _publish_collection(offer: SurplusOffer, grocery: Grocery, by):
    """The collection its volunteers sign up for, on the collecting association's page (if it has one):
    from now until the offer's deadline, at the shop (a public address), one volunteer asked."""
    if grocery.collecting_association_id is None:
        return None
    shop = offer.shop
    return publish_partner_action(
        association=grocery.collecting_association,
        by=by,
        title=_("Collecte d'invendus : %(what)s (%(shop)s)") % {"what": offer.what, "shop": shop.name},
        kind=Action.Kind.COLLECTION,
        description=(_("Pour l'épicerie %(grocery)s.") % {"grocery": grocery.name} + " " + offer.pickup).strip(),
        starts_at=timezone.now().replace(second=0, microsecond=0),
        ends_at=offer.until,
        place_name=shop.name,
        address=shop.address,
        latitude=shop.latitude,
        longitude=shop.longitude,
        wants_volunteers=True,
        volunteers_needed=1,
    )


def set_needs(*, by, grocery: Grocery, categories) -> set[str]:
    """The épicerie's managers say what it needs now: the categories its shops' surplus is matched against.
    Saving the list renews each need's date: the managers have just confirmed it (freshness counts in the score)."""
    require_manager(grocery, by)
    wanted = set(categories or [])
    if wanted - set(Category.values):
        raise GroceryError(_("Choisissez les catégories dans la liste."), code="category")
    now = timezone.now()
    with transaction.atomic():
        Need.objects.filter(grocery=grocery).exclude(category__in=wanted).delete()
        for category in wanted:
            Need.objects.update_or_create(grocery=grocery, category=category, defaults={"updated_at": now})
    return wanted


def expire_due(*, now=None) -> int:
    now = now or timezone.now()
    due = list(SurplusOffer.objects.filter(status=Status.OPEN, until__lte=now))
    SURPLUS.move_many(due, "expire", by=None)
    return len(due)
