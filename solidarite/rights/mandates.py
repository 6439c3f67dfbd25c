"""Every write on mediators and mandates goes through here (pages, API, help requests, bookings alike).

A refused rule raises ``ValidationError`` (French, 400) or ``PermissionDenied`` (403) and saves
nothing. An act under a mandate is checked by ``lock_for_act`` (inside the caller's transaction: a
revocation at the same moment waits, or wins and the act is refused) and written by ``record_act``.
When a mandate ends (revoked, expired) the resident's name and phone are purged at once, and the
end hooks run: ``appointments`` cancels the upcoming appointments booked for a resident without an
account, the apps that copied the resident's details (help requests) purge their copy.
"""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarite.accounts.roles import Role, require_city_staff
from solidarite.contact import normalize_phone, validate_phone
from solidarite.notifications.services import notify
from solidarite.rights import notices
from solidarite.rights.mandate_models import (
    MAX_MONTHS,
    ConsentMethod,
    Mandate,
    MandateAct,
    MandateLog,
    MediatorGrant,
    Scope,
)
from solidarite.rights.mandate_workflow import MANDATE, is_mediator_of  # noqa: F401 (re-exported)

Status = Mandate.Status
OFFERED_CONSENT = [ConsentMethod.PHONE, ConsentMethod.DESK, ConsentMethod.WRITTEN]
_end_hooks: list[Callable[[list[int]], object]] = []


def register_end_hook(hook: Callable[[list[int]], object]) -> None:
    """``hook(mandate_ids)`` runs in the transaction that ends those mandates (an app purges its copies)."""
    if hook not in _end_hooks:
        _end_hooks.append(hook)


# --- mediators -------------------------------------------------------------------------------------


def structures_of(user):
    """The social-action structures where ``user`` is an effective mediator."""
    from associations.directory.models import Association

    if not (user.is_authenticated and user.is_active):
        return Association.objects.none()
    grants = MediatorGrant.objects.effective().filter(user=user).values("association")
    return Association.objects.filter(pk__in=grants).order_by("name")


def is_mediator(user) -> bool:
    return bool(user.is_authenticated and MediatorGrant.objects.effective().filter(user=user).exists())


def roles(user) -> list[Role]:
    """The role provider (``accounts.roles``): one mediator role per structure."""
    from django.urls import reverse

    return [
        Role("mediator", _("médiateur·rice"), grant.association.name, reverse("rights:mandates"))
        for grant in MediatorGrant.objects.effective().filter(user=user).select_related("association")
    ]


def grant_mediator(*, by, user, association) -> MediatorGrant:
    """Staff give the capability to a member of a social-action structure, and to no one else."""
    from associations.directory.models import Membership

    require_city_staff(by, _("Seul·es les agent·es de la ville donnent le rôle de médiateur·rice."))
    if not association.is_social_action:
        raise ValidationError(
            {"association": _("Cette association n'est pas une structure d'action sociale : pas de médiateur·rice.")}
        )
    if not user.is_active:
        raise ValidationError({"user": _("Ce compte n'est pas actif.")})
    if not Membership.objects.filter(association=association, user=user).exists():
        raise ValidationError({"user": _("Cette personne n'est pas membre de l'association : invitez-la d'abord.")})
    grant, created = MediatorGrant.objects.get_or_create(
        user=user, association=association, defaults={"granted_by": by}
    )
    if not created:
        raise ValidationError({"user": _("Cette personne est déjà médiateur·rice de cette structure.")})
    return grant


def withdraw_mediator(*, by, grant) -> None:
    """Staff withdraw the capability; the structure's mandates stay (its other mediators act under them)."""
    require_city_staff(by, _("Seul·es les agent·es de la ville retirent le rôle de médiateur·rice."))
    grant.delete()


# --- mandates --------------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def latest_end(starts_on: dt.date) -> dt.date:
    """The last day a mandate starting on ``starts_on`` may cover: the day before 12 months on."""
    return add_months(starts_on, MAX_MONTHS) - dt.timedelta(days=1)


def today(now=None) -> dt.date:
    return timezone.localdate(now or timezone.now())


def create(
    *,
    by,
    structure,
    scopes,
    consent_method: str,
    ends_on: dt.date | None,
    resident=None,
    resident_name: str = "",
    resident_phone: str = "",
    now=None,
) -> Mandate:
    """A mediator records the mandate a resident gives their structure (consent collected beforehand)."""
    now = now or timezone.now()
    if not MediatorGrant.objects.effective().filter(user=by, association=structure).exists():
        raise PermissionDenied(_("Seul·es les médiateur·rices de cette structure enregistrent ses mandats."))
    errors = {}
    scopes = set(scopes or ())
    if not scopes:
        errors["scopes"] = _("Cochez au moins une chose que la structure pourra faire pour la personne.")
    elif not scopes <= set(Scope.values):
        errors["scopes"] = _("Périmètre inconnu.")
    if consent_method not in OFFERED_CONSENT:
        errors["consent_method"] = _("Indiquez comment la personne a donné son accord.")
    starts_on = today(now)
    if ends_on is None:
        errors["ends_on"] = _("Indiquez jusqu'à quand le mandat vaut.")
    elif ends_on < starts_on:
        errors["ends_on"] = _("La fin du mandat ne peut pas être passée.")
    elif ends_on > latest_end(starts_on):
        errors["ends_on"] = _("Un mandat dure 12 mois au plus : jusqu'au %(day)s au plus tard.") % {
            "day": date_format(latest_end(starts_on), "j F Y")
        }
    resident_name, resident_phone = (resident_name or "").strip(), (resident_phone or "").strip()
    if resident is not None:
        if not resident.is_active:
            errors["resident"] = _("Ce compte n'est pas actif.")
        elif resident.pk == by.pk:
            errors["resident"] = _("On ne se donne pas de mandat à soi-même.")
        elif Mandate.objects.active().filter(structure=structure, resident=resident).exists():
            errors["resident"] = _(
                "Cette personne a déjà un mandat en cours avec votre structure : révoquez-le d'abord."
            )
        resident_name = resident_phone = ""
    else:
        if not resident_name:
            errors["resident_name"] = _("Indiquez le nom de la personne.")
        elif len(resident_name) > 100:
            errors["resident_name"] = _("Nom trop long (100 caractères au plus).")
        if not resident_phone:
            errors["resident_phone"] = _("Indiquez le téléphone de la personne.")
        else:
            try:
                validate_phone(resident_phone)
            except ValidationError as error:
                errors["resident_phone"] = error.messages
            else:
                resident_phone = normalize_phone(resident_phone)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        mandate = Mandate.objects.create(
            structure=structure,
            resident=resident,
            resident_name=resident_name,
            resident_phone=resident_phone,
            consent_method=consent_method,
            recorded_by=by,
            starts_on=starts_on,
            ends_on=ends_on,
            **{f"scope_{scope}": True for scope in scopes},
        )
        MandateLog.objects.create(mandate=mandate, name="create", from_state="", to_state=Status.ACTIVE, by=by, at=now)
        if resident is not None:
            notify(resident, notices.MANDATE_GIVEN, notices.mandate_given(mandate, date_format(ends_on, "j F Y")))
    return mandate


def lock_for_act(mandate: Mandate, by, scope: str, *, now=None) -> Mandate:
    """Inside a transaction: the mandate, locked, if ``by`` may act under it for ``scope`` now."""
    if not MediatorGrant.objects.effective().filter(user=by, association_id=mandate.structure_id).exists():
        raise PermissionDenied(_("Seul·es les médiateur·rices de la structure agissent sous ce mandat."))
    current = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if not current.is_current(today(now)):
        raise ValidationError({"mandate": _("Ce mandat n'est plus en cours : faites-en un nouveau avec la personne.")})
    if not current.allows(scope):
        raise ValidationError(
            {"mandate": _("Le mandat ne couvre pas cela (%(scope)s).") % {"scope": Scope(scope).label}}
        )
    return current


def record_act(mandate: Mandate, *, by, kind: str, summary: str = "", url: str = "", now=None) -> MandateAct:
    return MandateAct.objects.create(
        mandate=mandate, kind=kind, summary=summary[:300], url=url[:200], by=by, at=now or timezone.now()
    )


def for_act(by, scope: str, *, now=None):
    """The mandates ``by`` may act under for ``scope`` today (the choices of a form)."""
    day = today(now)
    return (
        Mandate.objects.active()
        .with_scope(scope)
        .of_mediator(by)
        .filter(starts_on__lte=day, ends_on__gte=day)
        .select_related("resident", "structure")
        .order_by("resident_name", "pk")
    )


def revoke(*, mandate: Mandate, by, reason: str = "", now=None) -> Mandate:
    """The mediator, the resident or staff end the mandate; the resident's details go at once."""
    now = now or timezone.now()
    MANDATE.require(mandate, "revoke", by)
    with transaction.atomic():
        current = Mandate.objects.select_for_update().get(pk=mandate.pk)
        MANDATE.check(current, "revoke", by)
        current.ended_at = now
        MANDATE.move(current, "revoke", by=by, reason=(reason or "").strip()[:500], save_fields=["ended_at"])
        _after_end([current], now)
    return current


def expire_due(*, now=None) -> int:
    """The platform ends the mandates whose last day has passed (``purge_mandates``)."""
    now = now or timezone.now()
    count = 0
    for pk in Mandate.objects.active().filter(ends_on__lt=today(now)).values_list("pk", flat=True):
        with transaction.atomic():
            current = Mandate.objects.select_for_update().get(pk=pk)
            if current.status != Status.ACTIVE:
                continue
            current.ended_at = now
            MANDATE.move(current, "expire", by=None, save_fields=["ended_at"])
            _after_end([current], now)
            count += 1
    return count


def purge(*, now=None) -> int:
    """Safety net: any ended mandate still holding a name or phone loses them (aggregates stay)."""
    now = now or timezone.now()
    ended = Mandate.objects.exclude(status=Status.ACTIVE).filter(purged_at__isnull=True)
    ids = list(ended.values_list("pk", flat=True))
    if ids:
        with transaction.atomic():
            _purge(ids, now)
    return len(ids)


def _after_end(mandates: list[Mandate], now) -> None:
    # The end hooks cancel the appointments booked under them (``appointments``, registered by the
    # app) and purge the copies other apps keep (``help``).
    _purge([mandate.pk for mandate in mandates], now)
    for mandate in mandates:
        mandate.resident_name, mandate.resident_phone, mandate.purged_at = "", "", now


def _purge(ids: list[int], now) -> None:
    Mandate.objects.filter(pk__in=ids).update(resident_name="", resident_phone="", purged_at=now)
    for hook in _end_hooks:
        hook(ids)


def end_for_person(user, *, now=None) -> int:
    """On erase: the person's running mandates are revoked (by nobody: the platform)."""
    now = now or timezone.now()
    count = 0
    for pk in Mandate.objects.active().filter(resident=user).values_list("pk", flat=True):
        with transaction.atomic():
            current = Mandate.objects.select_for_update().get(pk=pk)
            current.ended_at = now
            MANDATE.move(current, "revoke", by=None, reason=_("compte supprimé"), save_fields=["ended_at"])
            _after_end([current], now)
        count += 1
    return count


def chosen(value, by, scope: str):
    """The mandate a form or the API names (an instance or an id) among those ``by`` may act under for
    ``scope`` today; a French ``ValidationError`` otherwise (an unknown id says no more than that)."""
    pk = getattr(value, "pk", value)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = 0
    found = for_act(by, scope).filter(pk=pk).first() if 0 < pk < 2**63 else None
    if found is None:
        raise ValidationError(
            {"mandate": _("Choisissez un mandat en cours de votre structure qui couvre cela.")}, code="mandate"
        )
    return found


def resident_contact(mandate) -> tuple[str, str]:
    """The name and phone a helper needs to reach the resident (a copy the end of the mandate purges)."""
    if mandate.resident_id:
        person = mandate.resident
        return person.display_name[:100], person.phone if person.share_phone else ""
    return mandate.resident_name, mandate.resident_phone


def mandate_label(mandate) -> str:
    """How a form's choice names a mandate: the resident, its number, its last day."""
    return _("%(who)s — mandat n° %(pk)s, jusqu'au %(day)s") % {
        "who": mandate.resident_label or _("habitant·e"),
        "pk": mandate.pk,
        "day": date_format(mandate.ends_on, "j F Y"),
    }
