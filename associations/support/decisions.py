"""The decision: granting a request takes its amount (or its in-kind value) from an envelope, and
books the lent room when the support is a room."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory.validators import normalize_rna, normalize_siret
from associations.rooms import notices as room_notices
from associations.support.amounts import clean_amount
from associations.support.guards import require_staff
from associations.support.models import ZERO, Envelope, Grant, SupportKind, SupportRequest
from associations.support.notices import announce
from associations.support.review import record
from associations.support.workflow import (
    SUPPORT,
    SupportError,
)
from solidarite.money import euros


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
    require_staff(by)
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
        record(locked, step, by, reason.strip(), timezone.now())
        # The association learns what it gets, in the notification and the e-mail alike.
        if money:
            granted = _("Montant accordé : %(amount)s.") % {"amount": euros(amount)}
        else:
            granted = _("Aide en nature : %(what)s (valeur estimée %(value)s).") % {
                "what": in_kind_description.strip(),
                "value": euros(in_kind_value),
            }
        if booking is not None:
            granted += " " + room_notices.booked(booking)
        announce(locked, step, by, "\n\n".join(part for part in (granted, reason.strip()) if part))
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
            tell_holder=False,  # the grant's notification says it: one decision, one notification
        )
    except (rooms.BookingError, PermissionDenied) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        raise SupportError(_("Salle non réservée : %(why)s") % {"why": " ".join(messages)}) from None
