"""Every write on shops, claims and initiatives goes through one function here.

Ownership is a small state machine held by claims: a neighbour's claim is *pending* until staff
*approve* it (the claimant becomes the verified owner, competing claims are declined) or *reject*
it. A claim never changes the owner by itself, whoever made it and however many there are.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarite.accounts.roles import require_city_staff, require_poster
from solidarite.notifications.services import notify, notify_many
from solidarite.places.geo import Point
from solidarite.places.models import Quartier, within_town
from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent
from solidarite.shops.validators import clean_siret
from solidarite.shops.workflow import CLAIM, DECISION_FIELDS, INITIATIVE, SHOP

# What a shopkeeper may change on the listing; status, owner, SIRET and visibility belong to staff.
EDITABLE_FIELDS = (
    "name",
    "kind",
    "description",
    "address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "quartier",
    "phone",
    "website",
    "opening_hours",
    "wheelchair",
    "accessibility",
    "payment_means",
)
# Paths under /commerces/ that a shop's slug must not shadow.
RESERVED_SLUGS = {"carte", "nouveau", "mes-commerces", "verification", "demandes", "initiatives"}
INITIATIVE_FIELDS = ("kind", "title", "description", "starts_on", "ends_on", "association")


def _require_owner(shop: Shop, user):
    require_poster(user)
    if not shop.is_owner(user):
        raise PermissionDenied(_("Seul·e le ou la commerçant·e vérifié·e de ce commerce peut faire cela."))


def _unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "commerce"
    if base in RESERVED_SLUGS:
        base = f"{base}-commerce"
    slug, n = base, 2
    while Shop.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _log(shop, actor, action, note=""):
    ShopEvent.objects.create(shop=shop, actor=actor, action=action, note=note[:250])


def _check_location(shop: Shop):
    if (shop.latitude is None) != (shop.longitude is None):
        raise ValidationError({"latitude": _("Indiquez la latitude et la longitude, ou aucune des deux.")})
    if shop.latitude is None:
        return
    try:
        point = Point(shop.latitude, shop.longitude)
    except ValueError:
        raise ValidationError({"latitude": _("Ces coordonnées n'existent pas.")}) from None
    if not within_town(point):
        raise ValidationError({"latitude": _("Ce point est hors de la commune : vérifiez la position sur la carte.")})
    if shop.quartier_id is None:
        shop.quartier = Quartier.objects.nearest(point)


def _clean_payment(shop: Shop):
    allowed = set(Shop.Payment.values)
    unknown = [code for code in shop.payment_means if code not in allowed]
    if unknown:
        raise ValidationError(
            {"payment_means": _("Moyen de paiement inconnu : %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    shop.payment_means = [code for code in Shop.Payment.values if code in shop.payment_means]


def _validate_shop(shop: Shop):
    _check_location(shop)
    _clean_payment(shop)
    shop.full_clean(exclude=["slug"])


def _set_tags(shop: Shop, tags):
    if tags is not None:
        shop.tags.set([t.strip().lower()[:100] for t in tags if t and t.strip()], clear=True)


def _notify_staff(kind: str, shop: Shop, url: str):
    from solidarite.accounts.models import User

    payload = {"params": {"name": shop.name}, "url": url}
    notify_many([(agent, kind, payload) for agent in User.objects.city_staff_to_notify()])


@transaction.atomic
def create_shop(*, by, siret: str, message: str = "", tags=None, **fields) -> ShopClaim:
    """A neighbour lists a shop they run; it waits for staff to check it (pending claim)."""
    require_poster(by)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    siret_clean = _clean_claim_siret(siret)
    shop = Shop(created_by=by, **fields)
    _validate_shop(shop)
    shop.slug = _unique_slug(shop.name)
    shop.save()
    _set_tags(shop, tags)
    claim = ShopClaim.objects.create(shop=shop, user=by, created_shop=True, siret=siret_clean, message=message)
    _log(shop, by, ShopEvent.Action.CREATED)
    _notify_staff("shops.claim", shop, "/commerces/verification/")
    return claim


def _clean_claim_siret(siret: str) -> str:
    try:
        return clean_siret(siret)
    except ValidationError as exc:
        raise ValidationError({"siret": exc.messages}) from None


@transaction.atomic
def claim_shop(*, shop: Shop, by, siret: str, message: str = "") -> ShopClaim:
    """A neighbour asks to manage an existing listing. The owner, if any, stays until staff decide."""
    require_poster(by)
    shop = Shop.objects.select_for_update().get(pk=shop.pk)
    if shop.is_owner(by):
        raise ValidationError(_("Vous gérez déjà ce commerce."))
    if shop.claims.filter(user=by, status=ShopClaim.Status.PENDING).exists():
        raise ValidationError(_("Votre demande pour ce commerce est déjà en attente."))
    siret_clean = _clean_claim_siret(siret)
    claim = ShopClaim.objects.create(shop=shop, user=by, siret=siret_clean, message=message)
    competing = shop.owner_id is not None or shop.claims.filter(status=ShopClaim.Status.PENDING).count() > 1
    _log(shop, by, ShopEvent.Action.CLAIMED, _("demande concurrente") if competing else "")
    _notify_staff("shops.claims_competing" if competing else "shops.claim_existing", shop, "/commerces/verification/")
    return claim


@transaction.atomic
def approve_claim(*, claim: ShopClaim, by, note: str = "") -> Shop:
    """Staff checked the claimant runs the shop: they become its verified owner."""
    CLAIM.require(claim, "approve", by)
    claim = ShopClaim.objects.select_for_update().select_related("shop", "user").get(pk=claim.pk)
    CLAIM.check(claim, "approve", by)
    siret_clean = _clean_claim_siret(claim.siret)
    shop = Shop.objects.select_for_update().get(pk=claim.shop_id)
    previous_owner_id = shop.owner_id
    shop.owner = claim.user
    shop.siret = siret_clean
    if SHOP.can(shop, "verify_by_claim"):
        SHOP.move(shop, "verify_by_claim", by=by, save_fields=["owner", "siret", "verified_at"])
    else:
        shop.save(update_fields=["owner", "siret", "updated_at"])
    claim.decision_note = note
    log_note = note
    if previous_owner_id and previous_owner_id != claim.user_id:
        log_note = (_("remplace le ou la précédent·e commerçant·e. ") + note).strip()
    CLAIM.move(claim, "approve", by=by, note=log_note, save_fields=DECISION_FIELDS)
    others = list(shop.claims.filter(status=ShopClaim.Status.PENDING).select_related("shop", "user"))
    for other in others:
        other.decision_note = _("Une autre demande pour ce commerce a été acceptée.")
        CLAIM.move(other, "reject", by=by, reason=other.decision_note, save_fields=DECISION_FIELDS)
        notify(
            other.user,
            "shops.claim_outrun",
            {
                "params": {"name": shop.name},
                "url": shop.get_absolute_url(),
            },
        )
    notify(
        claim.user,
        "shops.claim_approved",
        {"params": {"name": shop.name}, "url": shop.get_absolute_url()},
    )
    return shop


@transaction.atomic
def reject_claim(*, claim: ShopClaim, by, note: str) -> ShopClaim:
    CLAIM.require(claim, "reject", by)
    if not note or not note.strip():
        raise ValidationError({"note": _("Indiquez le motif du refus : la personne le recevra.")})
    claim = ShopClaim.objects.select_for_update().select_related("shop", "user").get(pk=claim.pk)
    CLAIM.check(claim, "reject", by)
    claim.decision_note = note.strip()[:250]
    CLAIM.move(claim, "reject", by=by, reason=claim.decision_note, save_fields=DECISION_FIELDS)
    notify(
        claim.user,
        "shops.claim_rejected",
        {
            "params": {"name": claim.shop.name},
            "body": claim.decision_note,
            "url": claim.shop.get_absolute_url(),
        },
    )
    return claim


@transaction.atomic
def verify_shop(*, shop: Shop, by, siret: str) -> Shop:
    """Staff confirm a listing exists (SIRET checked), e.g. one they entered without an owner."""
    require_city_staff(by)
    siret_clean = _clean_claim_siret(siret)
    shop = Shop.objects.select_for_update().get(pk=shop.pk)
    shop.siret = siret_clean
    if SHOP.can(shop, "verify"):
        SHOP.move(shop, "verify", by=by, save_fields=["siret", "verified_at"])
    else:  # already verified: the SIRET corrected, and the check recorded again
        shop.save(update_fields=["siret", "updated_at"])
    _log(shop, by, ShopEvent.Action.VERIFIED)
    return shop


@transaction.atomic
def set_hidden(*, shop: Shop, by, hidden: bool, reason: str = "") -> Shop:
    require_city_staff(by)
    if hidden and not reason.strip():
        raise ValidationError({"reason": _("Indiquez pourquoi la fiche est masquée.")})
    shop = Shop.objects.select_for_update().get(pk=shop.pk)
    shop.hidden, shop.hidden_reason = hidden, reason.strip()[:250] if hidden else ""
    shop.save(update_fields=["hidden", "hidden_reason", "updated_at"])
    _log(shop, by, ShopEvent.Action.HIDDEN if hidden else ShopEvent.Action.SHOWN, reason)
    return shop


@transaction.atomic
def update_shop(*, shop: Shop, by, changes: dict, tags=None) -> Shop:
    """The verified owner edits the listing; nothing is saved if anything is invalid."""
    _require_owner(shop, by)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    shop = Shop.objects.select_for_update().get(pk=shop.pk)
    location_changed = any(k in changes for k in ("latitude", "longitude")) and "quartier" not in changes
    for field, value in changes.items():
        setattr(shop, field, value)
    if location_changed:
        shop.quartier = None
    _validate_shop(shop)
    shop.save()
    _set_tags(shop, tags)
    _log(shop, by, ShopEvent.Action.EDITED)
    return shop


def _validate_initiative(initiative: Initiative, *, new: bool):
    errors = {}
    if initiative.starts_on and initiative.ends_on and initiative.ends_on < initiative.starts_on:
        errors["ends_on"] = _("La date de fin (%(end)s) est avant la date de début (%(start)s).") % {
            "end": initiative.ends_on.strftime("%d/%m/%Y"),
            "start": initiative.starts_on.strftime("%d/%m/%Y"),
        }
    elif new and initiative.ends_on and initiative.ends_on < timezone.localdate():
        errors["ends_on"] = _("La date de fin est déjà passée : une initiative publiée doit être en cours ou à venir.")
    if errors:
        raise ValidationError(errors)
    initiative.full_clean()


def _tell_partner(initiative: Initiative):
    association = initiative.association
    if association is None:
        return
    payload = {
        "params": {"shop": initiative.shop.name, "title": initiative.title},
        "url": initiative.get_absolute_url(),
    }
    notify_many([(manager, "shops.partnership", payload) for manager in association.managers_to_notify()])


@transaction.atomic
def publish_initiative(
    *, shop: Shop, by, kind, title, description, starts_on, ends_on=None, association=None
) -> Initiative:
    _require_owner(shop, by)
    initiative = Initiative(
        shop=shop,
        kind=kind,
        title=title,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        association=association,
        created_by=by,
    )
    _validate_initiative(initiative, new=True)
    initiative.save()
    _tell_partner(initiative)
    return initiative


@transaction.atomic
def update_initiative(*, initiative: Initiative, by, changes: dict) -> Initiative:
    _require_owner(initiative.shop, by)
    unknown = set(changes) - set(INITIATIVE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    initiative = Initiative.objects.select_for_update().select_related("shop").get(pk=initiative.pk)
    INITIATIVE.check(initiative, "edit", by)
    previous_partner = initiative.association_id
    for field, value in changes.items():
        setattr(initiative, field, value)
    _validate_initiative(initiative, new=False)
    initiative.save()
    if initiative.association_id != previous_partner:
        _tell_partner(initiative)
    return initiative


@transaction.atomic
def end_initiative(*, initiative: Initiative, by) -> Initiative:
    _require_owner(initiative.shop, by)
    initiative = Initiative.objects.select_for_update().select_related("shop").get(pk=initiative.pk)
    if INITIATIVE.can(initiative, "end"):  # ending it twice (a resent form) changes nothing
        INITIATIVE.move(initiative, "end", by=by)
    return initiative
