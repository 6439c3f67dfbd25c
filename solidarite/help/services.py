"""Use cases that write neighbourhood help. Views, the API, commands and tests call these only.

Every function takes keyword-only arguments, checks who may do it (PermissionDenied), validates
(ValidationError with French messages, nothing saved), writes, and schedules its side effects
(matching, notifications, feed pushes) after the commit.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, ngettext

from solidarite.accounts.roles import can_post, is_city_staff, require_poster
from solidarite.help import matching
from solidarite.help.models import (
    Category,
    HelpOffer,
    HelpRequest,
    Match,
    Message,
    OfferCategory,
    Report,
)
from solidarite.help.workflow import MATCH, OFFER, REQUEST, side_of
from solidarite.notifications.realtime import push_feed_event
from solidarite.notifications.services import notify, notify_many
from solidarite.places.geo import Point, public_point
from solidarite.places.models import Quartier, within_town
from solidarite.rights import mandates
from solidarite.rights.mandate_models import MandateAct, Scope

logger = logging.getLogger(__name__)

DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 2000
MESSAGE_MAX = 2000
MAX_TAGS, TAG_MAX = 8, 30
MAX_WINDOW_DAYS = 60
MAX_RADIUS_KM = matching.MAX_RADIUS_KM
PUBLIC_FEED = "help-public"
REQUEST_FEED = "help-request"
MATCH_FEED = "help-match"
CANNOT_POST = gettext_lazy("Votre compte ne permet pas de publier pour le moment.")


class RateLimited(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def posts_per_hour() -> int:
    return settings.HELP_POSTS_PER_HOUR


def messages_per_ten_minutes() -> int:
    return settings.HELP_MESSAGES_PER_10_MIN


# --- checks shared by requests and offers ------------------------------------------------------


def _check_post_rate(user):
    since = timezone.now() - timedelta(hours=1)
    recent = (
        HelpRequest.objects.filter(author=user, created_at__gte=since).count()
        + HelpOffer.objects.filter(author=user, created_at__gte=since).count()
    )
    if recent >= posts_per_hour():
        raise RateLimited(
            _("Vous avez publié beaucoup d'annonces en une heure. Merci de patienter un peu avant la suivante.")
        )


def _clean_text(value, errors, *, field="description"):
    text = (value or "").strip()
    if len(text) < DESCRIPTION_MIN:
        errors[field] = _("Décrivez en quelques mots (%(n)s caractères au moins).") % {"n": DESCRIPTION_MIN}
    elif len(text) > DESCRIPTION_MAX:
        errors[field] = _("Texte trop long : %(n)s caractères au plus.") % {"n": DESCRIPTION_MAX}
    return text


def _clean_tags(tags, errors):
    cleaned = []
    for tag in tags or ():
        tag = str(tag).strip().lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            errors["tags"] = _("Un mot-clé fait %(n)s caractères au plus.") % {"n": TAG_MAX}
            return []
        if tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        errors["tags"] = _("%(n)s mots-clés au plus.") % {"n": MAX_TAGS}
        return []
    return cleaned


def _locate(*, quartier, point, errors):
    """(private point, quartier) from a point on the map and/or a quartier."""
    if point is not None:
        if not isinstance(point, Point):
            try:
                point = Point(float(point[0]), float(point[1]))
            except (TypeError, ValueError, IndexError):
                errors["point"] = _("Ce point n'est pas valable.")
                return None, None
        if not within_town(point):
            errors["point"] = _("Ce point est en dehors de %(town)s.") % {"town": settings.TOWN_NAME}
            return None, None
        return point, quartier or Quartier.objects.nearest(point)
    if quartier is None:
        errors["quartier"] = _("Choisissez votre quartier ou un point sur la carte.")
        return None, None
    return quartier.center, quartier


def _public(point: Point) -> Point:
    # A fresh salt per post: the public point is computed once here and stored, never again.
    return public_point(point, grid_m=settings.PUBLIC_POINT_GRID_M, salt=secrets.token_hex(8))


def _category(value, errors, field="category"):
    if isinstance(value, Category):
        category = value if value.active else None
    else:
        category = Category.objects.filter(pk=value, active=True).first() if str(value or "").isdigit() else None
    if category is None:
        errors[field] = _("Choisissez une catégorie de la liste.")
    return category


# --- requests ----------------------------------------------------------------------------------


def post_request(
    *,
    by,
    category,
    description,
    window_start,
    window_end,
    urgency="normal",
    quartier=None,
    point=None,
    tags=(),
    mandate=None,
) -> HelpRequest:
    """Post a help request; a mediator posts for a resident under ``mandate`` (an active mandate of
    their structure with the help-requests scope: ``rights.mandates``), and the act is logged there."""
    require_poster(by, CANNOT_POST)
    errors = {}
    category = _category(category, errors)
    description = _clean_text(description, errors)
    tags = _clean_tags(tags, errors)
    private, quartier = _locate(quartier=quartier, point=point, errors=errors)
    now = timezone.now()
    if window_start is None or window_end is None:
        errors["window_end"] = _("Indiquez quand vous avez besoin d'aide.")
    elif window_end <= window_start:
        errors["window_end"] = _("La fin doit venir après le début.")
    elif window_end <= now:
        errors["window_end"] = _("Cette période est déjà passée.")
    elif window_end - max(window_start, now) > timedelta(days=MAX_WINDOW_DAYS):
        errors["window_end"] = _("Une demande couvre %(n)s jours au plus.") % {"n": MAX_WINDOW_DAYS}
    if urgency not in dict(HelpRequest._meta.get_field("urgency").choices):
        errors["urgency"] = _("Urgence inconnue.")
    if mandate not in (None, ""):
        try:
            mandate = mandates.chosen(mandate, by, Scope.HELP_REQUESTS)
        except ValidationError as error:
            errors.update(error.message_dict)
    else:
        mandate = None
    if errors:
        raise ValidationError(errors)
    _check_post_rate(by)
    shown = _public(private)
    with transaction.atomic():
        resident_name = resident_phone = ""
        if mandate is not None:
            mandate = mandates.lock_for_act(mandate, by, Scope.HELP_REQUESTS, now=now)
            resident_name, resident_phone = mandates.resident_contact(mandate)
        help_request = HelpRequest.objects.create(
            author=by,
            category=category,
            description=description,
            window_start=window_start,
            window_end=window_end,
            urgency=urgency,
            latitude=private.lat,
            longitude=private.lon,
            public_latitude=shown.lat,
            public_longitude=shown.lon,
            quartier=quartier,
            resident_name=resident_name,
            resident_phone=resident_phone,
            mandate=mandate,
            consent_recorded_at=mandate.created_at if mandate else None,
            consent_recorded_by=mandate.recorded_by if mandate else None,
        )
        if mandate is not None:
            mandates.record_act(
                mandate,
                by=by,
                kind=MandateAct.Kind.HELP_REQUEST,
                summary=str(category),
                url=reverse("help:request", args=[help_request.pk]),
                now=now,
            )
        if tags:
            help_request.tags.set(tags)
        transaction.on_commit(lambda: match_request(help_request=help_request, tag_names=tags))
        transaction.on_commit(lambda: _push_public("posted", help_request))
    return help_request


def update_request(*, help_request, by, description, urgency, tags=()) -> HelpRequest:
    if not REQUEST.may(REQUEST.step("edit"), help_request, by):
        raise PermissionDenied(_("Seul·e l'auteur·rice modifie sa demande."))
    require_poster(by, CANNOT_POST)
    errors = {}
    description = _clean_text(description, errors)
    tags = _clean_tags(tags, errors)
    if urgency not in dict(HelpRequest._meta.get_field("urgency").choices):
        errors["urgency"] = _("Urgence inconnue.")
    if not REQUEST.can(help_request, "edit"):
        errors["__all__"] = _("Cette demande n'est plus ouverte.")
    if errors:
        raise ValidationError(errors)
    help_request.description, help_request.urgency = description, urgency
    help_request.save(update_fields=["description", "urgency", "updated_at"])
    help_request.tags.set(tags)
    return help_request


@transaction.atomic
def close_request(*, help_request, by) -> HelpRequest:
    """The author withdraws a request that still waits for help (status open).

    A request with an accepted match is met (the dashboard counts it so): closing it would turn
    a met need into an unmet one. Its author either says the help took place (the match's
    ``mark_done``) or withdraws from the match, which reopens the request, and then closes it.
    Closing a closed request again changes nothing (a second click)."""
    if not REQUEST.may(REQUEST.step("close"), help_request, by):
        raise PermissionDenied(_("Seul·e l'auteur·rice ferme sa demande."))
    # Lock the row: an acceptance running at the same time waits for us, then sees "closed".
    current = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    help_request.status = current.status
    if current.status == HelpRequest.Status.CLOSED:
        return help_request
    if REQUEST.can(current, "done"):  # matched: met, ended on its match (see help.workflow)
        raise ValidationError(
            _(
                "Un·e voisin·e vous aide déjà : sur la page de la mise en relation, indiquez que l'aide a eu lieu, "
                "ou retirez-vous de la mise en relation avant de fermer la demande."
            )
        )
    _end_request(help_request, "close", by=by, reason=_("demande fermée"))
    return help_request


def _end_request(help_request, step, *, by, reason):
    REQUEST.move(help_request, step, by=by)
    _withdraw_pending(help_request.matches, by=by, reason=reason)
    transaction.on_commit(lambda: _push_public("removed", help_request))


def _withdraw_pending(matches, *, by, reason):
    for match in matches.filter(status__in=[Match.Status.PROPOSED, Match.Status.OFFERED]):
        _move(match, "withdraw", by=by, reason=reason)


# --- offers ------------------------------------------------------------------------------------


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
        category = _category(value, errors, field="categories")
        if category is None:
            break
        cats.append(category)
    if not cats and "categories" not in errors:
        errors["categories"] = _("Choisissez au moins une catégorie.")
    description = _clean_text(description, errors)
    tags = _clean_tags(tags, errors)
    private, quartier = _locate(quartier=quartier, point=point, errors=errors)
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
    _check_post_rate(by)
    shown = _public(private)
    with transaction.atomic():
        offer = HelpOffer.objects.create(
            author=by,
            description=description,
            radius_km=radius_km,
            latitude=private.lat,
            longitude=private.lon,
            public_latitude=shown.lat,
            public_longitude=shown.lon,
            quartier=quartier,
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
        transaction.on_commit(lambda: _push_public("posted", offer))
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
            transaction.on_commit(lambda: _push_public("posted", offer))
        else:
            transaction.on_commit(lambda: _push_public("removed", offer))
    return offer


# --- matching (runs after the post's commit) ---------------------------------------------------


def match_request(*, help_request: HelpRequest, tag_names=None) -> list[Match]:
    if not help_request.is_open:
        return []
    with transaction.atomic():
        made = matching.match_new_request(help_request, tag_names=tag_names)
        _announce(made, to_requester=True)
    return made


def match_offer(*, offer_id: int) -> list[Match]:
    offer = HelpOffer.objects.select_related("author").filter(pk=offer_id).first()
    if offer is None or offer.author_id is None or offer.status != HelpOffer.Status.OPEN:  # erased meanwhile
        return []
    with transaction.atomic():
        made = matching.match_new_offer(offer)
        _announce(made, to_requester=False)
    return made


def _announce(matches: list[Match], *, to_requester: bool):
    """Tell both sides. A new request tells each offerer (within their alert cap) and its author
    once; a new offer tells each requester and its author once. All the notifications of one
    matching go out together (``notify_many``)."""
    if not matches:
        return
    first = matches[0]
    count = len(matches)
    pushed, quiet = [], []
    if to_requester:
        help_request = first.request
        pushed.append(
            (
                help_request.author,
                "help_matches",
                {
                    "title": ngettext("%(n)s voisin·e peut vous aider", "%(n)s voisin·es peuvent vous aider", count)
                    % {"n": count},
                    "body": first.explanation,
                    "url": reverse("help:request", args=[help_request.pk]),
                    "data": {"request": help_request.pk},
                },
            )
        )
        alerted = []
        for match in matches:
            payload = _match_alert(match)
            if _may_alert(match.offer):
                pushed.append((match.offer.author, "help_match", payload))
                alerted.append(match.pk)
            else:
                # Past the cap (or digest): the match waits in the notifications page, without a
                # push; ``expire_help_posts --digest`` sums them up once a day.
                quiet.append((match.offer.author, "help_match_quiet", payload))
        if alerted:
            Match.objects.filter(pk__in=alerted).update(offerer_alerted_at=timezone.now())
    else:
        offer = first.offer
        pushed.append(
            (
                offer.author,
                "help_matches",
                {
                    "title": ngettext(
                        "%(n)s demande près de chez vous correspond à votre proposition",
                        "%(n)s demandes près de chez vous correspondent à votre proposition",
                        count,
                    )
                    % {"n": count},
                    "body": first.explanation,
                    "url": reverse("help:my_posts"),
                },
            )
        )
        Match.objects.filter(pk__in=[m.pk for m in matches]).update(offerer_alerted_at=timezone.now())
        pushed.extend(
            (
                match.request.author,
                "help_match",
                {
                    "title": _("Un·e voisin·e peut vous aider"),
                    "body": match.explanation,
                    "url": reverse("help:match", args=[match.pk]),
                    "data": {"match": match.pk},
                },
            )
            for match in matches
        )
    notify_many(pushed)
    notify_many(quiet, push=False)
    # One event per request page for the whole batch: each group_send is a round trip.
    by_request = {}
    for match in matches:
        by_request.setdefault(match.request_id, []).append(match_payload(match))
    for request_id, payloads in by_request.items():
        data = {"matches": payloads}
        transaction.on_commit(lambda r=request_id, d=data: push_feed_event(REQUEST_FEED, str(r), "matches", d))


def _match_alert(match: Match) -> dict:
    return {
        "title": _("Un·e voisin·e a besoin d'aide : %(category)s") % {"category": match.request.category.name},
        "body": match.explanation,
        "url": reverse("help:match", args=[match.pk]),
        "data": {"match": match.pk},
    }


def _may_alert(offer: HelpOffer) -> bool:
    """Whether the offerer gets a push for a new match now, within their alert cap."""
    return offer.alerts == HelpOffer.Alerts.IMMEDIATE or (
        offer.alerts == HelpOffer.Alerts.CAPPED and alerts_today(offer.author) < offer.alerts_per_day
    )


def alerts_today(user) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return Match.objects.filter(offer__author=user, offerer_alerted_at__gte=start).count()


def send_digests(*, now=None) -> int:
    """One notification per offerer with matches that waited quietly in the last day."""
    now = now or timezone.now()
    since = now - timedelta(days=1)
    pending = {}
    for user_id in Match.objects.filter(
        created_at__gte=since, offerer_alerted_at__isnull=True, status=Match.Status.PROPOSED
    ).values_list("offer__author_id", flat=True):
        pending[user_id] = pending.get(user_id, 0) + 1
    from solidarite.accounts.models import User

    for user in User.objects.filter(pk__in=pending):
        n = pending[user.pk]
        notify(
            user,
            "help_digest",
            {
                "title": ngettext("%(n)s demande d'aide vous attend", "%(n)s demandes d'aide vous attendent", n)
                % {"n": n},
                "url": reverse("notifications:list"),
            },
        )
    return len(pending)


# --- match workflow ----------------------------------------------------------------------------

# The steps, who takes them and from which states: ``help.workflow.MATCH``.


def transition(*, match, by, name, reason="", thanks="") -> Match:
    step = MATCH.step(name)
    if step is None:
        raise ValidationError(_("Action inconnue."))
    if not MATCH.may(step, match, by):
        raise PermissionDenied(_("Vous ne pouvez pas faire cela pour cette mise en relation."))
    require_poster(by, CANNOT_POST)
    original = match
    with transaction.atomic():
        # Lock the request, then the match (always in this order, as ``close_request`` does), so
        # that two clicks, or an acceptance and a closing, cannot both pass their state checks.
        list(HelpRequest.objects.select_for_update().filter(pk=match.request_id).values_list("pk"))
        match = Match.objects.select_for_update().select_related("request__category", "offer").get(pk=match.pk)
        help_request = match.request
        MATCH.check(match, name, by)
        if name == "accept" and not REQUEST.can(help_request, "match"):
            raise ValidationError(_("Cette demande a déjà une mise en relation acceptée ou n'est plus ouverte."))
        if name == "offer_help" and match.offer.status != HelpOffer.Status.OPEN:
            raise ValidationError(_("Votre proposition n'est plus ouverte."))
        was = match.status
        _move(match, name, by=by, reason=reason)
        if name == "accept":
            REQUEST.move(help_request, "match", by=by)
            transaction.on_commit(lambda: _push_public("removed", help_request))
        elif name == "withdraw" and was == Match.Status.ACCEPTED and REQUEST.can(help_request, "reopen"):
            REQUEST.move(help_request, "reopen", by=by)
        elif name == "mark_done":
            match.thanks = (thanks or "").strip()[:MESSAGE_MAX]
            match.save(update_fields=["thanks"])
            if REQUEST.can(help_request, "done"):  # not if moderation hid it meanwhile
                REQUEST.move(help_request, "done", by=by)
        _tell_other_side(match, by, name)
    original.status, original.thanks = match.status, match.thanks
    return match


def _move(match, name, *, by, reason=""):
    MATCH.move(match, name, by=by, reason=reason)
    _push_match(match, "status")


# Their texts name the person who acted: registered in ``notifications.kinds`` (see notices.py).
TRANSITION_TITLES = {
    "offer_help": ("help_offered", gettext_noop("%(name)s propose de vous aider")),
    "accept": ("help_accepted", gettext_noop("%(name)s accepte votre aide : la conversation est ouverte")),
    "decline": ("help_declined", gettext_noop("%(name)s a trouvé de l'aide autrement, merci !")),
    "withdraw": ("help_withdrawn", gettext_noop("%(name)s s'est retiré·e de la mise en relation")),
    "mark_done": ("help_done", gettext_noop("%(name)s indique que l'aide a eu lieu, merci !")),
}


def _tell_other_side(match, by, name):
    kind, title = TRANSITION_TITLES[name]
    other = match.offer.author if match.request.author_id == by.pk else match.request.author
    if other is None:  # erased account
        return
    body = match.thanks if name == "mark_done" else match.explanation
    notify(
        other,
        kind,
        {
            "people": {"name": by.pk},  # rendered when read (notifications.kinds): no stored name
            "body": body,
            "url": reverse("help:match", args=[match.pk]),
            "data": {"match": match.pk},
        },
    )


def contacts_for(match: Match, viewer) -> list[tuple[str, str]]:
    """What ``viewer`` may see of the other side: only once the match is accepted, only sides."""
    side = side_of(match, viewer)
    if side is None or not match.conversation_open:
        return []
    rows = []
    if side == "offerer":
        help_request = match.request
        if help_request.on_behalf:
            rows.append((_("Personne aidée"), help_request.resident_name))
            if help_request.resident_phone:
                rows.append((_("Son téléphone"), help_request.resident_phone))
            prefix = _("Médiateur·rice")
        else:
            prefix = ""
        other = help_request.author
    else:
        other, prefix = match.offer.author, ""
    if other is None:
        return rows

    def label(text):
        return f"{prefix} — {text}" if prefix else text

    rows.append((label(_("Nom")), other.public_name))
    if other.share_email:
        rows.append((label(_("E-mail")), other.email))
    if other.share_phone and other.phone:
        rows.append((label(_("Téléphone")), other.phone))
    if other.contact_note:
        rows.append((label(_("Comment le ou la joindre")), other.contact_note))
    return rows


# --- conversation ------------------------------------------------------------------------------


def send_message(*, match, by, body) -> Message:
    if side_of(match, by) is None:
        raise PermissionDenied(_("Cette conversation ne vous concerne pas."))
    require_poster(by, CANNOT_POST)
    if not match.conversation_open:
        raise ValidationError({"body": _("La conversation s'ouvre quand la mise en relation est acceptée.")})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Le message est vide.")})
    if len(body) > MESSAGE_MAX:
        raise ValidationError({"body": _("Message trop long : %(n)s caractères au plus.") % {"n": MESSAGE_MAX}})
    since = timezone.now() - timedelta(minutes=10)
    if Message.objects.filter(author=by, created_at__gte=since).count() >= messages_per_ten_minutes():
        raise RateLimited(_("Vous envoyez beaucoup de messages. Merci de patienter quelques minutes."))
    with transaction.atomic():
        message = Message.objects.create(match=match, author=by, body=body)
        data = message_payload(message)
        match_id = match.pk
        transaction.on_commit(lambda: push_feed_event(MATCH_FEED, str(match_id), "message", data))
        other = match.offer.author if match.request.author_id == by.pk else match.request.author
        if other is not None:
            notify(
                other,
                "help_message",
                {
                    "people": {"name": by.pk},
                    "url": reverse("help:match", args=[match.pk]),
                    "data": {"match": match.pk},
                },
            )
    return message


def message_payload(message: Message) -> dict:
    return {
        "id": message.pk,
        "author": message.author.public_name if message.author_id else str(_("Compte supprimé")),
        "author_id": message.author_id,
        "body": "" if message.hidden else message.body,
        "hidden": message.hidden,
        "created_at": message.created_at.isoformat(),
    }


# --- reports and moderation --------------------------------------------------------------------


def report(*, by, target, reason, details="") -> Report:
    if not can_post(by):
        raise PermissionDenied(_("Connectez-vous pour signaler un contenu."))
    errors = {}
    if reason not in dict(Report.Reason.choices):
        errors["reason"] = _("Choisissez un motif.")
    details = (details or "").strip()
    if len(details) > DESCRIPTION_MAX:
        errors["details"] = _("Texte trop long : %(n)s caractères au plus.") % {"n": DESCRIPTION_MAX}
    if errors:
        raise ValidationError(errors)
    kwargs = {_target_field(target): target}
    return Report.objects.create(reporter=by, reason=reason, details=details, **kwargs)


def _target_field(target) -> str:
    for model, field in ((HelpRequest, "request"), (HelpOffer, "offer"), (Message, "message")):
        if isinstance(target, model):
            return field
    raise ValueError("unknown report target")


MODERATION_ACTIONS = ("hide", "warn", "suspend", "dismiss")


@transaction.atomic
def moderate(*, report, by, action, note="") -> Report:
    from solidarite.accounts.services import suspend

    if not is_city_staff(by):
        raise PermissionDenied(_("Réservé aux agent·es de la ville."))
    if action not in MODERATION_ACTIONS:
        raise ValidationError({"action": _("Action inconnue.")})
    note = (note or "").strip()
    if action in ("warn", "suspend") and not note:
        raise ValidationError({"note": _("Expliquez à la personne ce qui ne va pas.")})
    target, author = report.target, report.target_author
    if action in ("hide", "suspend"):
        _hide(target, by=by)
    if author is not None and action != "dismiss":
        if action == "suspend":
            suspend(user=author, by=by, reason=note)
        notify(
            author,
            "help_moderation",
            {
                "title": _("Votre publication a été masquée")
                if action == "hide"
                else _("Un avertissement de la modération"),
                "body": note or _("Elle ne respectait pas la charte de l'entraide."),
            },
        )
    report.status = {
        "hide": Report.Status.HIDDEN,
        "warn": Report.Status.WARNED,
        "suspend": Report.Status.SUSPENDED,
        "dismiss": Report.Status.DISMISSED,
    }[action]
    report.resolved_at, report.resolved_by, report.resolution_note = timezone.now(), by, note
    report.save()
    return report


def _hide(target, *, by):
    if isinstance(target, Message):
        target.hidden = True
        target.save(update_fields=["hidden"])
        data = message_payload(target)
        match_id = target.match_id
        transaction.on_commit(lambda: push_feed_event(MATCH_FEED, str(match_id), "message", data))
    elif isinstance(target, HelpRequest):
        if REQUEST.can(target, "hide"):  # a second report on a hidden post changes nothing
            _end_request(target, "hide", by=by, reason=_("masquée par la modération"))
    elif OFFER.can(target, "hide"):
        OFFER.move(target, "hide", by=by)
        _withdraw_pending(target.matches, by=by, reason="moderation")
        transaction.on_commit(lambda: _push_public("removed", target))


# --- expiry ------------------------------------------------------------------------------------


def expire_request_if_due(help_request) -> HelpRequest:
    """Expiry on read: a request past its window is closed the moment someone looks at it."""
    if REQUEST.can(help_request, "expire") and help_request.window_end <= timezone.now():
        with transaction.atomic():
            _end_request(help_request, "expire", by=None, reason=_("période passée"))
    return help_request


def expire_posts(*, now=None) -> dict:
    """Run by ``manage.py expire_help_posts`` (every few minutes): ends what has passed and warns
    offerers whose availability ends tomorrow."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"requests": 0, "offers": 0, "warned": 0}
    for help_request in HelpRequest.objects.filter(status=HelpRequest.Status.OPEN, window_end__lte=now):
        with transaction.atomic():
            _end_request(help_request, "expire", by=None, reason=_("période passée"))
        counts["requests"] += 1
    for offer in HelpOffer.objects.filter(
        status__in=[HelpOffer.Status.OPEN, HelpOffer.Status.PAUSED], available_until__lt=today
    ):
        with transaction.atomic():
            OFFER.move(offer, "expire", by=None)
            transaction.on_commit(lambda o=offer: _push_public("removed", o))
        counts["offers"] += 1
    for offer in HelpOffer.objects.filter(
        status=HelpOffer.Status.OPEN, available_until=today + timedelta(days=1), expiry_warned_at__isnull=True
    ).select_related("author"):
        with transaction.atomic():
            offer.expiry_warned_at = now
            offer.save(update_fields=["expiry_warned_at"])
            notify(
                offer.author,
                "help_offer_expiring",
                {
                    "title": _("Votre proposition d'aide se termine demain"),
                    "body": _("Vous pouvez la prolonger en publiant une nouvelle proposition."),
                    "url": reverse("help:my_posts"),
                },
            )
        counts["warned"] += 1
    return counts


# --- feed payloads (public data only) ----------------------------------------------------------


def public_post_payload(post) -> dict:
    kind = "request" if isinstance(post, HelpRequest) else "offer"
    if kind == "request":
        categories = [post.category.name]
        url = reverse("help:request", args=[post.pk])
    else:
        categories = [c.name for c in post.categories.all()]
        url = reverse("help:offer", args=[post.pk])
    return {
        "kind": kind,
        "id": post.pk,
        "categories": categories,
        "quartier": post.quartier.name,
        "lat": post.public_latitude,
        "lon": post.public_longitude,
        "name": post.author_name,
        "url": url,
    }


def _push_public(event, post):
    if event == "removed":
        data = {"kind": "request" if isinstance(post, HelpRequest) else "offer", "id": post.pk}
    else:
        data = public_post_payload(post)
    push_feed_event(PUBLIC_FEED, "", event, data)


def match_payload(match: Match) -> dict:
    return {
        "id": match.pk,
        "status": match.status,
        "status_label": str(match.get_status_display()),
        "explanation": match.explanation,
        "score": match.score,
        "offerer": match.offer.author_name,
        "url": reverse("help:match", args=[match.pk]),
    }


def _push_match(match: Match, event: str):
    data = match_payload(match)
    request_id, match_id = match.request_id, match.pk
    transaction.on_commit(lambda: push_feed_event(REQUEST_FEED, str(request_id), event, data))
    if event == "status":
        transaction.on_commit(lambda: push_feed_event(MATCH_FEED, str(match_id), "status", data))
