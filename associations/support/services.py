"""Every write on support requests goes through here: views, API and commands call these functions.

The workflow is an explicit state machine (``workflow.SUPPORT``): each named step has its allowed
source states, who may take it, and whether a reason is required; every step writes a ``Transition`` row.
A refused step raises ``SupportError`` (a ValidationError with a French message: 400) and changes
nothing; the wrong person gets ``PermissionDenied`` (403), as everywhere on the platform.
"""

import logging
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory.validators import normalize_rna, normalize_siret
from associations.support import files
from associations.support.models import (
    MAX_AMOUNT,
    ZERO,
    Attachment,
    Envelope,
    Grant,
    Message,
    PrivateNote,
    SupportKind,
    SupportRequest,
    Transition,
)
from associations.support.workflow import (  # noqa: F401  (views and the API read these here)
    MANAGER,
    REFUSED,
    SIMPLE_STEPS,
    STAFF,
    SUPPORT,
    SupportError,
    available_steps,
    can_manage,
    can_review,
    may_message,
)
from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.money import euros
from solidarite.notifications.services import notify
from solidarite.workflow import Step

logger = logging.getLogger(__name__)

State = SupportRequest.State
CENT = Decimal("0.01")


# --- permissions ---------------------------------------------------------------------------


def _require_manager(user, association):
    if not (can_post(user) and association.is_manager(user)):
        raise PermissionDenied(REFUSED[MANAGER])


def _require_staff(user):
    if not can_review(user):
        raise PermissionDenied(REFUSED[STAFF])


# --- money -----------------------------------------------------------------------------------


def clean_amount(value, *, label: str, allow_zero: bool = True) -> Decimal:
    """Euros with at most cents, not negative, not absurd. Raises SupportError in plain French."""
    if value is None or value == "":
        value = ZERO
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        message = _("%(label)s : indiquez un montant en euros, par exemple 1500 ou 1500,50.") % {"label": label}
        raise SupportError(message) from None
    if not amount.is_finite():
        raise SupportError(_("%(label)s : indiquez un montant en euros.") % {"label": label})
    if amount < 0:
        raise SupportError(_("%(label)s : un montant ne peut pas être négatif.") % {"label": label})
    if amount > MAX_AMOUNT:
        raise SupportError(_("%(label)s : ce montant est trop élevé, vérifiez la saisie.") % {"label": label})
    if amount != amount.quantize(CENT):
        raise SupportError(_("%(label)s : pas plus de deux chiffres après la virgule.") % {"label": label})
    if not allow_zero and amount == 0:
        raise SupportError(_("%(label)s : indiquez un montant supérieur à zéro.") % {"label": label})
    return amount.quantize(CENT)


# --- requests: drafting ---------------------------------------------------------------------

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
    _require_manager(by, association)
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
        _require_manager(by, locked.association)
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


# --- the state machine -------------------------------------------------------------------------


def _record(support_request, step: Step, by, reason: str, now) -> Transition:
    if step.name in ("submit", "resubmit"):
        support_request.waiting_since = now
        support_request.stale_alerted_at = None
        if step.name == "submit":
            support_request.submitted_at = now
    elif step.name == "start_review":
        # The city acted: the staleness clock restarts for its decision.
        support_request.waiting_since = now
        support_request.stale_alerted_at = None
        if support_request.reviewer_id is None:
            support_request.reviewer = by
    elif step.target not in SupportRequest.WAITING_FOR_CITY:
        support_request.waiting_since = None
    return SUPPORT.move(
        support_request,
        step.name,
        by=by,
        reason=reason,
        save_fields=["waiting_since", "stale_alerted_at", "submitted_at", "reviewer"],
        at=now,
    )


def transition(*, support_request, name: str, by, reason: str = "") -> SupportRequest:
    """Take the named step (see ``workflow.SUPPORT``). Wrong step or state: SupportError (400);
    wrong person: PermissionDenied (403)."""
    if name not in SIMPLE_STEPS:
        raise SupportError(_("Cette action n'existe pas."))
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=support_request.pk)
        step = SUPPORT.check(locked, name, by)
        if step.reason_required and not reason:
            raise SupportError(_("Indiquez le motif : l'association le lira."))
        if step.name == "submit":
            missing = missing_for_submission(locked)
            if missing:
                raise SupportError(_("Avant de déposer, complétez : %(missing)s.") % {"missing": ", ".join(missing)})
        _record(locked, step, by, reason, timezone.now())
        _announce(locked, step, by, reason)
    return locked


def assign(*, support_request, by, reviewer=None, team=None) -> SupportRequest:
    """Entrust the request to a staff member, a review team, both, or nobody (both None).

    Logged as an "assign" step of the history; the new assignees are told (socket after commit, e-mail
    after commit). Choosing the same assignment again changes and tells nothing.
    """
    _require_staff(by)
    if reviewer is not None and not is_city_staff(reviewer):
        raise SupportError(_("L'instruction ne peut être confiée qu'à un·e agent·e de la ville."))
    if team is not None and not team.active_members().exists():
        raise SupportError(
            _("L'équipe « %(team)s » n'a aucun·e agent·e en activité : complétez-la avant de lui confier une demande.")
            % {"team": team.name}
        )
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if locked.state == State.DRAFT:
            raise SupportError(_("Cette demande n'est pas encore déposée."))
        if not SUPPORT.can(locked, "assign"):
            raise SupportError(_("Cette demande est déjà décidée."))
        reviewer_id, team_id = getattr(reviewer, "pk", None), getattr(team, "pk", None)
        if (locked.reviewer_id, locked.team_id) == (reviewer_id, team_id):
            return locked
        new_reviewer, new_team = reviewer_id != locked.reviewer_id, team_id != locked.team_id
        locked.reviewer, locked.team = reviewer, team
        locked.save(update_fields=["reviewer", "team", "updated_at"])
        SUPPORT.move(locked, "assign", by=by, assigned_reviewer=reviewer, assigned_team=team)
        body = ""
        if locked.is_stale():
            body = _("L'association attend une réponse depuis %(days)s jours.") % {
                "days": (timezone.now() - locked.waiting_since).days
            }
        told = {by.pk}
        if reviewer is not None and new_reviewer and reviewer.pk not in told:
            told.add(reviewer.pk)
            title = _("Une demande de soutien vous est confiée : %(title)s") % {"title": locked.title}
            _tell([reviewer], locked, "support.assigned", title, body)
        if team is not None and new_team:
            members = [member for member in team.active_members() if member.pk not in told]
            title = _("Une demande de soutien est confiée à l'équipe « %(team)s » : %(title)s") % {
                "team": team.name,
                "title": locked.title,
            }
            _tell(members, locked, "support.assigned", title, body)
    return locked


# --- the decision ------------------------------------------------------------------------------


def grant(
    *,
    support_request,
    by,
    decision_reference: str,
    envelope=None,
    amount=ZERO,
    in_kind_value=ZERO,
    in_kind_description: str = "",
    payment_terms: str = Grant.PaymentTerms.SINGLE,
    payment_terms_other: str = "",
    payment_start: date | None = None,
    payment_end: date | None = None,
    decision_date: date | None = None,
    confirm_above_request: bool = False,
    reason: str = "",
    room=None,
    room_start=None,
    room_end=None,
) -> Grant:
    """Grant the request, taking the amount (or the in-kind value) from the envelope.

    The envelope row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE
    transaction already serialises writers), so two staff granting at once can never overdraw it.
    """
    _require_staff(by)
    decision_reference = (decision_reference or "").strip()
    if not decision_reference:
        raise SupportError(_("Indiquez la référence de la décision (délibération ou arrêté)."))
    if payment_terms not in Grant.PaymentTerms.values:
        raise SupportError(_("Choisissez des conditions de versement de la liste."))
    if payment_terms == Grant.PaymentTerms.OTHER and not payment_terms_other.strip():
        raise SupportError(_("Précisez les conditions de versement."))
    if payment_start and payment_end and payment_end < payment_start:
        raise SupportError(_("La fin de la période de versement est avant son début."))
    decision_date = decision_date or timezone.localdate()

    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=support_request.pk)
        step = SUPPORT.step("grant")
        if not SUPPORT.can(locked, "grant"):
            raise SupportError(
                _("Seule une demande en instruction peut être accordée (celle-ci est « %(state)s »).")
                % {"state": locked.get_state_display()}
            )
        money = locked.kind == SupportKind.MONEY
        if money:
            amount = clean_amount(amount, label=_("Montant accordé"), allow_zero=False)
            in_kind_value = ZERO
            if envelope is None:
                raise SupportError(_("Choisissez l'enveloppe sur laquelle prendre ce montant."))
            association = locked.association
            if not (association.siret or association.rna):
                raise SupportError(
                    _(
                        "L'association n'a ni SIRET ni numéro RNA : renseignez-en un sur sa fiche avant d'accorder "
                        "une aide en numéraire (la publication en données ouvertes l'exige)."
                    )
                )
            if locked.amount_requested is not None and amount > locked.amount_requested and not confirm_above_request:
                raise SupportError(
                    _(
                        "Vous accordez plus que les %(asked)s demandés : cochez la case de confirmation "
                        "si c'est bien voulu."
                    )
                    % {"asked": euros(locked.amount_requested)}
                )
            taken = amount
        else:
            amount = ZERO
            in_kind_value = clean_amount(in_kind_value, label=_("Valeur de l'aide en nature"))
            if not in_kind_description.strip():
                raise SupportError(_("Décrivez l'aide en nature accordée (salle, matériel, communication)."))
            taken = in_kind_value

        if envelope is not None:
            # Lock order is always request, then envelope: two grants cannot deadlock.
            locked_envelope = Envelope.objects.select_for_update().get(pk=envelope.pk)
            if locked_envelope.kind != locked.kind:
                raise SupportError(
                    _("L'enveloppe « %(envelope)s » n'est pas prévue pour ce type de soutien.")
                    % {"envelope": locked_envelope.label}
                )
            if locked_envelope.year != decision_date.year:
                raise SupportError(
                    _("L'enveloppe « %(envelope)s » est celle de %(year)s, pas de l'année de la décision.")
                    % {"envelope": locked_envelope.label, "year": locked_envelope.year}
                )
            if taken > locked_envelope.remaining:
                raise SupportError(
                    _(
                        "L'enveloppe « %(envelope)s » n'a plus que %(remaining)s disponibles : "
                        "impossible d'accorder %(amount)s."
                    )
                    % {
                        "envelope": locked_envelope.label,
                        "remaining": euros(locked_envelope.remaining),
                        "amount": euros(taken),
                    }
                )
            locked_envelope.granted += taken
            locked_envelope.save(update_fields=["granted"])
            envelope = locked_envelope

        booking = None
        if locked.kind == SupportKind.ROOM:
            booking = _book_free_room(
                locked, by=by, room=room, start=room_start, end=room_end, reference=decision_reference
            )

        decision = Grant.objects.create(
            request=locked,
            room_booking=booking,
            envelope=envelope,
            nature=Grant.Nature.MONEY if money else Grant.Nature.IN_KIND,
            amount=amount,
            in_kind_value=in_kind_value,
            in_kind_description=in_kind_description.strip(),
            payment_terms=payment_terms,
            payment_terms_other=payment_terms_other.strip(),
            payment_start=payment_start,
            payment_end=payment_end,
            decision_reference=decision_reference,
            decision_date=decision_date,
            decided_by=by,
            beneficiary_name=locked.association.name,
            beneficiary_siret=normalize_siret(locked.association.siret),
            beneficiary_rna=normalize_rna(locked.association.rna),
        )
        _record(locked, step, by, reason.strip(), timezone.now())
        # The association learns what it gets, in the notification and the e-mail alike.
        if money:
            granted = _("Montant accordé : %(amount)s.") % {"amount": euros(amount)}
        else:
            granted = _("Aide en nature : %(what)s (valeur estimée %(value)s).") % {
                "what": in_kind_description.strip(),
                "value": euros(in_kind_value),
            }
        _announce(locked, step, by, "\n\n".join(part for part in (granted, reason.strip()) if part))
    return decision


def _book_free_room(support_request, *, by, room, start, end, reference):
    """Book the granted room through the rooms app: its rules and conflict checks apply unchanged."""
    from associations.rooms import services as rooms

    if room is None or start is None or end is None:
        raise SupportError(_("Choisissez la salle prêtée, avec le début et la fin du créneau."))
    try:
        return rooms.book(
            room=room,
            by=by,
            start=start,
            end=end,
            association=support_request.association,
            title=support_request.title,
            support_note=_("Soutien exceptionnel de la ville : salle prêtée gratuitement (décision %(ref)s).")
            % {"ref": reference},
            support_url=support_request.get_absolute_url(),
        )
    except (rooms.BookingError, PermissionDenied) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        raise SupportError(_("Salle non réservée : %(why)s") % {"why": " ".join(messages)}) from None


# --- conversation, notes, files -------------------------------------------------------------------


def post_message(*, support_request, by, body: str) -> Message:
    from_city = can_review(by)
    if not from_city:
        _require_manager(by, support_request.association)
    body = (body or "").strip()
    if not body:
        raise SupportError(_("Le message est vide."))
    if len(body) > 5000:
        raise SupportError(_("Le message est trop long (5 000 caractères au plus)."))
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=support_request.pk)
        if locked.state == State.DRAFT and from_city:
            raise SupportError(_("Cette demande n'est pas encore déposée."))
        message = Message.objects.create(request=locked, author=by, from_city=from_city, body=body)
        if from_city and locked.state in SupportRequest.WAITING_FOR_CITY:
            locked.waiting_since = timezone.now()
            locked.stale_alerted_at = None
            locked.save(update_fields=["waiting_since", "stale_alerted_at", "updated_at"])
        title = _("Nouveau message sur la demande « %(title)s »") % {"title": locked.title}
        if from_city:
            _tell_managers(locked, "support.message", title, body)
        elif locked.state != State.DRAFT:
            _tell_city(locked, "support.message", title, body)
    return message


def add_private_note(*, support_request, by, body: str) -> PrivateNote:
    _require_staff(by)
    body = (body or "").strip()
    if not body:
        raise SupportError(_("La note est vide."))
    if len(body) > 5000:
        raise SupportError(_("La note est trop longue (5 000 caractères au plus)."))
    return PrivateNote.objects.create(request=support_request, author=by, body=body)


def add_attachment(*, support_request, by, upload) -> Attachment:
    """Attach a PDF or an image; the content itself is checked, not only the file name."""
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=support_request.pk)
        _require_manager(by, locked.association)
        if not locked.is_editable:
            raise SupportError(
                _("On ne peut plus ajouter de pièce à une demande « %(state)s ».")
                % {"state": locked.get_state_display()}
            )
        if locked.attachments.count() >= files.MAX_FILES:
            raise SupportError(_("%(n)s pièces jointes au plus par demande.") % {"n": files.MAX_FILES})
        content_type = files.check_upload(upload)
        name = files.safe_name(upload.name, content_type)
        attachment = Attachment(request=locked, name=name, content_type=content_type, size=upload.size, uploaded_by=by)
        attachment.file.save(name, upload, save=False)
        attachment.save()
    return attachment


def remove_attachment(*, attachment, by) -> None:
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().select_related("association").get(pk=attachment.request_id)
        _require_manager(by, locked.association)
        if not locked.is_editable:
            raise SupportError(_("Cette demande ne peut plus être modifiée."))
        stored = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.storage.delete(stored))


# --- staleness ------------------------------------------------------------------------------------


def alert_stale(*, now=None) -> int:
    """Alert the reviewer, else the team's members, else every staff member, once per waiting period."""
    from django.db.models import F, Q

    now = now or timezone.now()
    stale = (
        SupportRequest.objects.stale(now)
        .filter(Q(stale_alerted_at__isnull=True) | Q(stale_alerted_at__lt=F("waiting_since")))
        .select_related("association", "reviewer", "team")
    )
    count = 0
    for support_request in stale:
        with transaction.atomic():
            days = (now - support_request.waiting_since).days
            _tell_city(
                support_request,
                "support.stale",
                _("Sans réponse depuis %(days)s jours : %(title)s") % {"days": days, "title": support_request.title},
                _("L'association %(association)s attend une réponse de la ville.")
                % {"association": support_request.association},
            )
            SupportRequest.objects.filter(pk=support_request.pk).update(stale_alerted_at=now)
        count += 1
    return count


# --- telling people -----------------------------------------------------------------------------------


def _announce(support_request, step: Step, by, reason: str):
    state = support_request.get_state_display()
    title = _("Demande « %(title)s » : %(state)s") % {"title": support_request.title, "state": state}
    if STAFF in step.actors:
        _tell_managers(support_request, f"support.{step.name}", title, reason)
    else:
        _tell_city(support_request, f"support.{step.name}", title, reason)


def _tell_managers(support_request, kind: str, title: str, body: str = ""):
    _tell(list(support_request.association.managers_to_notify()), support_request, kind, title, body)


def city_contacts(support_request) -> list:
    """Who answers for the city: the reviewer; else the team's members; else every staff member."""
    if support_request.reviewer_id and is_city_staff(support_request.reviewer):
        return [support_request.reviewer]
    if support_request.team_id:
        members = list(support_request.team.active_members())
        if members:
            return members
    return list(get_user_model().objects.city_staff_to_notify())


def _tell_city(support_request, kind: str, title: str, body: str = ""):
    _tell(city_contacts(support_request), support_request, kind, title, body)


def _tell(people, support_request, kind: str, title: str, body: str):
    url = support_request.get_absolute_url()
    for person in people:
        notify(person, kind, {"title": title, "body": body, "url": url, "data": {"request": support_request.pk}})
    recipients = [person.email for person in people if person.email]
    if recipients:
        text = f"{title}\n\n{body}\n\n{settings.SITE_URL}{url}".strip()
        transaction.on_commit(lambda: _send(title, text, recipients))


def _send(subject: str, text: str, recipients: list[str]):
    # One e-mail per person: nobody learns the others' addresses.
    try:
        send_mass_mail([(subject[:150], text, None, [recipient]) for recipient in recipients])
    except Exception:  # the decision is saved; a mail server hiccup must not undo it
        logger.exception("support: could not send the e-mail %r", subject)
