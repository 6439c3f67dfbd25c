"""Association pages: a neighbour asks for one, its managers edit it, the city verifies, refuses,
hides or merges it. Permission is checked here (``PermissionDenied``), input is validated here
(``ValidationError`` with French messages, nothing saved)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from associations.directory.editing import fill_quartier, log_event, require_manager, save_with_tags, tell_managers
from associations.directory.models import Association, AssociationEvent, Membership
from associations.directory.validators import normalize_rna, normalize_siret
from associations.directory.workflow import ASSOCIATION
from solidarite.accounts.roles import require_city_staff, require_poster
from solidarite.contact import validate_postal_code

ASSOCIATION_FIELDS = {
    "name",
    "rna",
    "siret",
    "purpose",
    "email",
    "phone",
    "website",
    "address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "quartier",
    "opening_hours",
    "membership_fee",
    "accessibility",
    "accepts_volunteers",
}


def unique_slug(name: str, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "association"
    slug, n = base, 2
    while Association.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply_association_fields(association, fields: dict):
    unknown = set(fields) - ASSOCIATION_FIELDS - {"tags"}
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name == "tags":
            continue
        if name == "rna":
            value = normalize_rna(value)
        elif name == "siret":
            value = normalize_siret(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(association, name, "" if value is None and name not in {"latitude", "longitude", "quartier"} else value)
    if (association.latitude is None) != (association.longitude is None):
        raise ValidationError({"latitude": _("Donnez la latitude et la longitude, ou aucune des deux.")})
    fill_quartier(association)


@transaction.atomic
def request_association(*, by, tags=None, **fields) -> Association:
    """A neighbour asks for a page; they become its first manager and staff will verify it."""
    require_poster(by)
    if not fields.get("rna") and not fields.get("siret"):
        raise ValidationError(
            {"rna": _("Indiquez le numéro RNA (W suivi de 9 chiffres) ou le SIRET de l'association.")}
        )
    association = Association(status=Association.Status.PENDING, created_by=by)
    _apply_association_fields(association, fields)
    association.slug = unique_slug(association.name)
    _check_duplicate_identifiers(association)
    save_with_tags(association, tags if tags is not None else [])
    Membership.objects.create(association=association, user=by, role=Membership.Role.MANAGER)
    log_event(association, AssociationEvent.Kind.REQUESTED, by)
    return association


def _check_duplicate_identifiers(association):
    others = Association.objects.exclude(pk=association.pk).filter(merged_into__isnull=True)
    if association.rna and others.filter(rna=association.rna).exists():
        raise ValidationError(
            {"rna": _("Une page existe déjà pour ce numéro RNA : demandez à ses responsables de vous ajouter.")}
        )
    if association.siret and others.filter(siret=association.siret).exists():
        raise ValidationError(
            {"siret": _("Une page existe déjà pour ce SIRET : demandez à ses responsables de vous ajouter.")}
        )


@transaction.atomic
def update_association(*, association, by, tags=None, **fields) -> Association:
    require_manager(by, association)
    association = Association.objects.select_for_update().get(pk=association.pk)
    _apply_association_fields(association, fields)
    _check_duplicate_identifiers(association)
    save_with_tags(association, tags)
    return association


def _transition(association, name, by, message):
    """A step of ``workflow.ASSOCIATION``: staff only, from the states it allows; logged."""
    ASSOCIATION.require(association, name, by)
    association = Association.objects.select_for_update().get(pk=association.pk)
    ASSOCIATION.check(association, name, by)
    ASSOCIATION.move(association, name, by=by, reason=message, save_fields=["verified_at"])
    return association


@transaction.atomic
def verify(*, association, by, message: str = "") -> Association:
    association = _transition(association, "verify", by, message)
    tell_managers(
        association,
        "directory.verified",
        {"params": {"name": association.name}, "body": message},
    )
    return association


@transaction.atomic
def refuse(*, association, by, message: str) -> Association:
    if not (message or "").strip():
        raise ValidationError({"message": _("Expliquez en quelques mots pourquoi la page est refusée.")})
    association = _transition(association, "refuse", by, message)
    tell_managers(association, "directory.refused", {"params": {"name": association.name}, "body": message})
    return association


@transaction.atomic
def accept_postal_code(*, association, by, postal_code: str) -> Association:
    """Staff say that this postal code, outside the town's département, is right for this page (a federation's
    seat, a commune on the border): its managers may then save it. An empty code withdraws the exception."""
    require_city_staff(by)
    postal_code = (postal_code or "").strip()
    validate_postal_code(postal_code)
    association = Association.objects.select_for_update().get(pk=association.pk)
    if (association.postal_code_accepted or "") == postal_code:
        return association
    association.postal_code_accepted = postal_code or None
    association.save(update_fields=["postal_code_accepted", "updated_at"])
    log_event(association, AssociationEvent.Kind.POSTAL_CODE_ACCEPTED, by, postal_code or _("exception retirée"))
    if postal_code:
        tell_managers(
            association,
            "directory.postal_code_accepted",
            {"params": {"code": postal_code, "name": association.name}},
        )
    return association


@transaction.atomic
def set_hidden(*, association, by, hidden: bool, message: str = "") -> Association:
    require_city_staff(by)
    association = Association.objects.select_for_update().get(pk=association.pk)
    if association.hidden == hidden:
        return association
    association.hidden = hidden
    association.save(update_fields=["hidden", "updated_at"])
    log_event(association, AssociationEvent.Kind.HIDDEN if hidden else AssociationEvent.Kind.SHOWN, by, message)
    if hidden:
        tell_managers(
            association,
            "directory.hidden",
            {"params": {"name": association.name}, "body": message},
        )
    return association


@transaction.atomic
def merge(*, duplicate, into, by, message: str = "") -> Association:
    """Staff fold a duplicate page into the right one: managers and actions move, the duplicate redirects."""
    require_city_staff(by)
    if duplicate.pk == into.pk:
        raise ValidationError(_("Une page ne peut pas être fusionnée avec elle-même."))
    duplicate = Association.objects.select_for_update().get(pk=duplicate.pk)
    into = Association.objects.select_for_update().get(pk=into.pk)
    if into.merged_into_id or duplicate.merged_into_id:
        raise ValidationError(_("Cette page a déjà été fusionnée."))
    existing = set(into.memberships.values_list("user_id", flat=True))
    for membership in duplicate.memberships.all():
        if membership.user_id in existing:
            if membership.role == Membership.Role.MANAGER:
                into.memberships.filter(user_id=membership.user_id).update(role=Membership.Role.MANAGER)
            membership.delete()
        else:
            membership.association = into
            membership.save(update_fields=["association"])
    duplicate.actions.update(association=into)
    # Accepting would make someone manager of a page nobody sees: the managers of ``into`` invite again.
    duplicate.manager_invitations.open().update(revoked_at=timezone.now())
    for field in ("rna", "siret", "email", "phone", "website", "address", "opening_hours"):
        if not getattr(into, field) and getattr(duplicate, field):
            setattr(into, field, getattr(duplicate, field))
    into.save()
    duplicate.merged_into = into
    duplicate.hidden = True
    duplicate.save(update_fields=["merged_into", "hidden", "updated_at"])
    log_event(duplicate, AssociationEvent.Kind.MERGED, by, message or into.name)
    tell_managers(
        into,
        "directory.merged",
        {"params": {"duplicate": duplicate.name, "name": into.name}, "body": message},
    )
    return into
