"""Giveaways' use cases, one function each, called alike by the pages, the API and the commands.

Offering a gift matches it at once against the open wishes (``matching``) and tells the matched wishers
(one notification each, pushed to their socket after commit by ``notify_many``). A wisher accepts: the
gift is promised to them (row lock on the gift, and a unique constraint on its accepted match), both sides
then see each other's contacts and the wisher the pickup details. The giver records the weight when the
gift changes hands, or drops it at a ressourcerie instead.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarite.accounts.models import User
from solidarite.accounts.roles import is_city_staff, require_poster
from solidarite.giveaways import matching, notices
from solidarite.giveaways.models import Category, Condition, Gift, GiftMatch, GiftPhoto, Wish
from solidarite.giveaways.photos import MAX_PER_GIFT, check_photo
from solidarite.giveaways.workflow import GIFT, MATCH, WISH
from solidarite.help.checks import CANNOT_POST, RateLimited, clean_text, locate, located, posts_per_hour
from solidarite.notifications.services import notify_many
from solidarite.shops.models import Shop

TITLE_MAX = 120
LONGEST_PICKUP = timedelta(days=30)
LONGEST_WISH = timedelta(days=60)
RADIUS_KM = (0.5, 10.0)
MAX_KG = Decimal("500")

FOOD_REFUSED = gettext_lazy(
    "Pas de nourriture dans les dons entre voisins : les règles d'hygiène l'interdisent. "
    "Les commerces peuvent proposer leurs invendus à l'épicerie sociale."
)
# Categories or title words that say food: refused whatever the form or the API sent.
FOOD_CATEGORIES = {"alimentation", "nourriture", "food", "repas"}
FOOD_WORDS = {
    "nourriture",
    "repas",
    "aliment",
    "aliments",
    "alimentation",
    "alimentaire",
    "alimentaires",
    "conserve",
    "conserves",
    "denree",
    "denrees",
    "confiture",
    "confitures",
    "gateau",
    "gateaux",
    "biscuits",
    "surgeles",
}
ELECTRICAL_NOTICE = gettext_lazy(
    "Appareil électrique d'occasion : vérifiez ensemble le câble, la prise et la coque avant de l'emporter, "
    "essayez-le devant la personne qui donne, et ne l'ouvrez pas vous-même. En cas de doute, un repair café "
    "peut le contrôler."
)


class GiftError(ValidationError):
    """A refusal of a giveaways service (400): French message, nothing changed."""


def safety_notice(category: str) -> str:
    return str(ELECTRICAL_NOTICE) if category == Category.ELECTRICAL else ""


def _check_rate(user):
    since = timezone.now() - timedelta(hours=1)
    # Gifts and wishes of the last hour counted in one query (two subqueries): one round trip per post.
    recent = (
        Gift.objects.filter(giver=user, created_at__gte=since)
        .order_by()
        .values("pk")
        .union(Wish.objects.filter(wisher=user, created_at__gte=since).order_by().values("pk"), all=True)
    )
    if recent.count() >= posts_per_hour():
        raise RateLimited(_("Vous avez publié beaucoup d'annonces en une heure. Merci de patienter un peu."))


def _category(value, errors, *, title=""):
    value = str(value or "").strip().lower()
    if value in FOOD_CATEGORIES or (title and matching.words(title) & FOOD_WORDS):
        errors["category" if value in FOOD_CATEGORIES else "title"] = str(FOOD_REFUSED)
        return None
    if value not in Category.values:
        errors.setdefault("category", _("Choisissez une catégorie de la liste."))
        return None
    return value


def offer_gift(
    *,
    by,
    title,
    description,
    category,
    pickup_from,
    pickup_until,
    condition="bon",
    pickup_details="",
    quartier=None,
    point=None,
) -> Gift:
    """Offer an object; it is matched with the open wishes at once and their authors told after commit."""
    require_poster(by, CANNOT_POST)
    errors = {}
    title = (title or "").strip()
    if not 3 <= len(title) <= TITLE_MAX:
        errors["title"] = _("Nommez l'objet en quelques mots (%(n)s caractères au plus).") % {"n": TITLE_MAX}
    category = _category(category, errors, title=title)
    description = clean_text(description, errors)
    if condition not in Condition.values:
        errors["condition"] = _("Choisissez l'état de l'objet.")
    pickup_details = (pickup_details or "").strip()
    if len(pickup_details) > 500:
        errors["pickup_details"] = _("500 caractères au plus.")
    private, quartier = locate(quartier=quartier, point=point, errors=errors)
    now = timezone.now()
    if pickup_from is None or pickup_until is None:
        errors["pickup_until"] = _("Indiquez quand l'objet peut être retiré.")
    elif pickup_until <= pickup_from:
        errors["pickup_until"] = _("La fin doit venir après le début.")
    elif pickup_until <= now:
        errors["pickup_until"] = _("Cette période est déjà passée.")
    elif pickup_until - max(pickup_from, now) > LONGEST_PICKUP:
        errors["pickup_until"] = _("Un don reste proposé 30 jours au plus.")
    if errors:
        raise GiftError(errors)
    _check_rate(by)
    with transaction.atomic():
        gift = Gift.objects.create(
            giver=by,
            title=title,
            description=description,
            category=category,
            condition=condition,
            pickup_from=pickup_from,
            pickup_until=pickup_until,
            pickup_details=pickup_details,
            **located(private, quartier),
            created_at=now,
        )
        candidates = matching.wishes_for(gift, now=now)
        # The gift is not committed: no other matching can pair it yet, so the rows go in without a savepoint.
        matches = matching.create_matches(candidates, fresh=True)
        wishers = {c.wish.pk: c.wish.wisher_id for c in candidates}
        payloads = notices.gift_matched(gift, matches)
        # The wishers were read (non-null, so existing) by ``wishes_for`` in this transaction.
        notify_many(
            [(User(pk=wishers[m.wish_id]), notices.GIFT_MATCHED, p) for m, p in zip(matches, payloads, strict=True)],
            read_just_now=True,
        )
    return gift


def add_photo(*, by, gift: Gift, upload, alt_text: str) -> GiftPhoto:
    if gift.giver_id != by.pk:
        raise PermissionDenied(_("Seul·e la personne qui donne l'objet ajoute des photos."))
    errors = {}
    alt_text = (alt_text or "").strip()
    if not 3 <= len(alt_text) <= 250:
        errors["alt_text"] = _("Décrivez la photo pour les personnes qui ne la voient pas (250 caractères au plus).")
    if upload is None:
        errors["file"] = _("Choisissez une photo.")
    else:
        try:
            content_type = check_photo(upload)
        except ValidationError as error:
            errors["file"] = error.messages[0]
    if not GIFT.can(gift, "withdraw"):
        errors["file"] = _("Ce don n'est plus proposé.")
    elif gift.photos.count() >= MAX_PER_GIFT:
        errors["file"] = _("%(n)s photos au plus.") % {"n": MAX_PER_GIFT}
    if errors:
        raise GiftError(errors)
    photo = GiftPhoto(gift=gift, alt_text=alt_text, content_type=content_type)
    photo.file.save(upload.name or "photo", upload, save=False)
    photo.save()
    return photo


def post_wish(*, by, category, what, until, radius_km=3.0, quartier=None, point=None) -> tuple[Wish, list]:
    """Ask for an object; the gifts on offer that fit are matched at once (the wisher sees them on the page)."""
    require_poster(by, CANNOT_POST)
    errors = {}
    what = (what or "").strip()
    if not 3 <= len(what) <= 200:
        errors["what"] = _("Dites ce que vous cherchez (200 caractères au plus).")
    category = _category(category, errors, title=what)
    if "title" in errors:
        errors["what"] = errors.pop("title")
    try:
        radius_km = float(radius_km)
    except (TypeError, ValueError):
        radius_km = -1
    if not RADIUS_KM[0] <= radius_km <= RADIUS_KM[1]:
        errors["radius_km"] = _("Entre 0,5 et 10 km.")
    private, quartier = locate(quartier=quartier, point=point, errors=errors)
    now = timezone.now()
    if until is None or until <= now:
        errors["until"] = _("Choisissez une date à venir.")
    elif until > now + LONGEST_WISH:
        errors["until"] = _("Un souhait reste ouvert 60 jours au plus.")
    if errors:
        raise GiftError(errors)
    _check_rate(by)
    with transaction.atomic():
        wish = Wish.objects.create(
            wisher=by,
            category=category,
            what=what,
            radius_km=radius_km,
            until=until,
            created_at=now,
            **located(private, quartier),
        )
        matches = matching.create_matches(matching.gifts_for(wish, now=now), fresh=True)
    return wish, matches


def close_wish(*, by, wish: Wish) -> Wish:
    WISH.check(wish, "close", by)
    with transaction.atomic():
        wish = Wish.objects.select_for_update().get(pk=wish.pk)
        WISH.move(wish, "close", by=by)
        _withdraw(GiftMatch.objects.filter(wish=wish, status=GiftMatch.Status.PROPOSED), by=by)
    return wish


def _withdraw(matches, *, by, reason=""):
    MATCH.move_many(list(matches), "withdraw", by=by, reason=reason)


def answer_match(*, by, match: GiftMatch, step: str) -> GiftMatch:
    """The wisher's answer to a proposed gift: ``accept`` (the gift is promised to them) or ``decline``."""
    MATCH.require(match, step, by)  # who; the state is checked under the lock
    require_poster(by, CANNOT_POST)
    with transaction.atomic():
        # Gift first, then match: two wishers accepting at once queue on the gift, the second one finds
        # it promised. The partial unique constraint is the last line.
        gift = Gift.objects.select_for_update().get(pk=match.gift_id)
        match = GiftMatch.objects.select_for_update().select_related("gift", "wish").get(pk=match.pk)
        MATCH.check(match, step, by)
        if step == "accept":
            if not GIFT.can(gift, "promise") or gift.pickup_until <= timezone.now():
                raise GiftError(_("Trop tard : ce don a déjà trouvé preneur·se ou n'est plus proposé."))
            wish = Wish.objects.select_for_update().get(pk=match.wish_id)
            if not WISH.can(wish, "fulfil"):
                raise GiftError(_("Votre souhait n'est plus ouvert."))
            MATCH.move(match, "accept", by=by)
            GIFT.move(gift, "promise", by=by)
            WISH.move(wish, "fulfil", by=by)
            # The wisher's other proposals for this wish end: one object is enough.
            _withdraw(wish.matches.filter(status=GiftMatch.Status.PROPOSED), by=by)
            if gift.giver_id:
                notify_many([(User(pk=gift.giver_id), notices.GIFT_ACCEPTED, notices.gift_accepted(match, by))])
        else:
            MATCH.move(match, step, by=by)
    return match


def _weight(kg, errors) -> Decimal | None:
    try:
        value = Decimal(str(kg).replace(",", ".")) if kg not in (None, "") else None
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not Decimal("0.1") <= value <= MAX_KG or value.as_tuple().exponent < -1:
        errors["weight_kg"] = _("Indiquez le poids de l'objet en kg (entre 0,1 et 500, une décimale).")
        return None
    return value


def ressourceries():
    """Where a gift may be dropped instead: listed shops of the second-hand / ressourcerie kind."""
    return Shop.objects.filter(kind=Shop.Kind.SECOND_HAND, status=Shop.Status.VERIFIED, hidden=False)


def gift_step(*, by, gift: Gift, step: str, weight_kg=None, shop=None) -> Gift:
    """The giver's steps: ``give`` (to the promised wisher, weight recorded), ``drop`` (at a ressourcerie,
    weight recorded), ``release`` (the taker did not come: offered again), ``withdraw``."""
    GIFT.require(gift, step, by)  # who; the state is checked under the lock
    require_poster(by, CANNOT_POST)
    errors = {}
    kg = _weight(weight_kg, errors) if step in ("give", "drop") else None
    if step == "drop":
        shop_id = str(getattr(shop, "pk", shop) or "")
        shop = ressourceries().filter(pk=int(shop_id)).first() if shop_id.isdigit() and len(shop_id) < 19 else None
        if shop is None:
            errors["shop"] = _("Choisissez une ressourcerie de la liste.")
    if errors:
        raise GiftError(errors)
    with transaction.atomic():
        gift = Gift.objects.select_for_update().get(pk=gift.pk)
        GIFT.check(gift, step, by)
        accepted = GiftMatch.objects.filter(gift=gift, status=GiftMatch.Status.ACCEPTED).select_related("wish")
        taker = accepted[0].wish if accepted else None
        if step in ("give", "drop"):
            gift.weight_kg, gift.given_at, gift.dropped_at = kg, timezone.now(), shop if step == "drop" else None
            GIFT.move(gift, step, by=by, save_fields=["weight_kg", "given_at", "dropped_at"])
            _withdraw(gift.matches.filter(status=GiftMatch.Status.PROPOSED), by=by)
            if step == "give" and taker and taker.wisher_id:
                notify_many([(User(pk=taker.wisher_id), notices.GIFT_GIVEN, notices.gift_given(gift))])
        else:
            GIFT.move(gift, step, by=by)
            _withdraw(gift.matches.filter(status__in=_ending(step)), by=by, reason=step)
            if taker is not None:
                if WISH.can(taker, "reopen"):
                    WISH.move(taker, "reopen", by=by)
                if taker.wisher_id:
                    notify_many([(User(pk=taker.wisher_id), notices.GIFT_RELEASED, notices.gift_released(gift))])
    return gift


def _ending(step) -> list[str]:
    if step == "release":
        return [GiftMatch.Status.ACCEPTED]
    return [GiftMatch.Status.PROPOSED, GiftMatch.Status.ACCEPTED]


def expire_due(*, now=None) -> dict[str, int]:
    """Gifts past their pickup window and wishes past their date end; their pending proposals with them."""
    now = now or timezone.now()
    with transaction.atomic():
        gifts = list(Gift.objects.select_for_update().filter(status=Gift.Status.OFFERED, pickup_until__lte=now))
        GIFT.move_many(gifts, "expire", by=None)
        wishes = list(Wish.objects.select_for_update().filter(status=Wish.Status.OPEN, until__lte=now))
        WISH.move_many(wishes, "expire", by=None)
        pending = GiftMatch.objects.filter(status=GiftMatch.Status.PROPOSED).filter(
            Q(gift__in=[g.pk for g in gifts]) | Q(wish__in=[w.pk for w in wishes])
        )
        if gifts or wishes:
            _withdraw(pending, by=None, reason="expire")
    return {"gifts": len(gifts), "wishes": len(wishes)}


def accepted_match(gift: Gift) -> GiftMatch | None:
    return GiftMatch.objects.filter(gift=gift, status=GiftMatch.Status.ACCEPTED).select_related("wish__wisher").first()


def may_see_details(gift: Gift, match: GiftMatch | None, viewer) -> bool:
    """The pickup details and contacts: the giver once promised, and the wisher of the accepted match."""
    if match is None or not match.details_open or not viewer.is_authenticated:
        return False
    return viewer.pk in (gift.giver_id, match.wish.wisher_id)


def contacts_of(person) -> list[tuple[str, str]]:
    """What the other side of an accepted match sees of ``person``: only what they chose to share."""
    if person is None:
        return []
    rows = [(_("Nom"), person.public_name)]
    if person.share_email:
        rows.append((_("E-mail"), person.email))
    if person.share_phone and person.phone:
        rows.append((_("Téléphone"), person.phone))
    if person.contact_note:
        rows.append((_("Comment le ou la joindre"), person.contact_note))
    return rows


def end_for_erasure(user) -> None:
    """What an erased person had running ends: their gifts on offer are withdrawn (a promised wisher is
    told), a gift promised to them is offered again, their open wishes are closed."""
    with transaction.atomic():
        for gift in Gift.objects.select_for_update().filter(
            giver=user, status__in=[Gift.Status.OFFERED, Gift.Status.PROMISED]
        ):
            taker = accepted_match(gift)
            GIFT.move(gift, "withdraw", by=None, reason="erasure")
            _withdraw(gift.matches.filter(status__in=_ending("withdraw")), by=None, reason="erasure")
            if taker is not None and taker.wish.wisher_id:
                notify_many([(User(pk=taker.wish.wisher_id), notices.GIFT_RELEASED, notices.gift_released(gift))])
        for match in GiftMatch.objects.filter(wish__wisher=user, status=GiftMatch.Status.ACCEPTED).select_related(
            "gift"
        ):
            gift = Gift.objects.select_for_update().get(pk=match.gift_id)
            MATCH.move(match, "withdraw", by=None, reason="erasure")
            if GIFT.can(gift, "release"):
                GIFT.move(gift, "release", by=None, reason="erasure")
        wishes = list(Wish.objects.filter(wisher=user, status=Wish.Status.OPEN))
        WISH.move_many(wishes, "close", by=None)


def may_see_gift(gift: Gift, viewer) -> bool:
    """Anyone while it is on offer; afterwards its giver, the wishers it was put before, and city staff."""
    if gift.status == Gift.Status.OFFERED and gift.pickup_until > timezone.now() and gift.giver_id:
        return True
    if not viewer.is_authenticated:
        return False
    if is_city_staff(viewer) or viewer.pk == gift.giver_id:
        return True
    if gift.status == Gift.Status.HIDDEN:
        return False
    return GiftMatch.objects.filter(gift=gift, wish__wisher=viewer).exists()
