"""An association drafts its request: create, edit, and what still prevents submitting it."""

from django.db import transaction
from django.utils.translation import gettext as _

from associations.support.amounts import clean_amount
from associations.support.guards import require_manager
from associations.support.models import SupportKind, SupportRequest
from associations.support.workflow import (
    SupportError,
)

EDITABLE_FIELDS = (
    "action",
    "action_title",
    "title",
    "description",
    "kind",
    "theme",
    "amount_requested",
    "in_kind_details",
    "action_budget",
    "start_date",
    "end_date",
)


def _apply_fields(support_request, fields: dict):
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise SupportError(_("Champs inconnus : %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    action = fields.get("action")
    if action is not None and action.association_id != support_request.association_id:
        raise SupportError(_("Cette action n'est pas une action de l'association."))
    for name, value in fields.items():
        if name in ("amount_requested", "action_budget") and value not in (None, ""):
            value = clean_amount(value, label=str(SupportRequest._meta.get_field(name).verbose_name))
        elif name in ("amount_requested", "action_budget"):
            value = None
        setattr(support_request, name, value)
    if support_request.kind not in SupportKind.values:
        raise SupportError(_("Choisissez un type de soutien de la liste."))
    if (
        support_request.start_date
        and support_request.end_date
        and support_request.end_date < support_request.start_date
    ):
        raise SupportError(_("La date de fin de l'action est avant sa date de début."))
    if (
        support_request.amount_requested is not None
        and support_request.action_budget
        and support_request.amount_requested > support_request.action_budget
    ):
        raise SupportError(_("Le montant demandé dépasse le budget total de l'action."))


def create_request(*, association, by, **fields) -> SupportRequest:
    """Save a draft; it can be completed later and submitted with ``transition(name="submit")``."""
    require_manager(by, association)
    support_request = SupportRequest(association=association, created_by=by)
    _apply_fields(support_request, fields)
    if not support_request.title:
        raise SupportError(_("Donnez un objet à la demande, même provisoire."))
    with transaction.atomic():
        support_request.save()
    return support_request


def update_request(*, support_request, by, **fields) -> SupportRequest:
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=support_request.pk)
        require_manager(by, locked.association)
        if not locked.is_editable:
            raise SupportError(
                _("Cette demande est « %(state)s » : elle ne peut plus être modifiée.")
                % {"state": locked.get_state_display()}
            )
        _apply_fields(locked, fields)
        if not locked.title:
            raise SupportError(_("Donnez un objet à la demande."))
        locked.save()
    return locked


def missing_for_submission(support_request) -> list[str]:
    """What still prevents submitting, in plain words (empty when complete)."""
    missing = []
    if not support_request.title:
        missing.append(_("l'objet de la demande"))
    if not support_request.description.strip():
        missing.append(_("la description"))
    if support_request.kind == SupportKind.MONEY:
        if not support_request.amount_requested:
            missing.append(_("le montant demandé"))
        if not support_request.action_budget:
            missing.append(_("le budget total de l'action"))
    elif not support_request.in_kind_details.strip():
        missing.append(_("le détail du besoin en nature"))
    if not support_request.start_date:
        missing.append(_("la date de début de l'action"))
    return missing
