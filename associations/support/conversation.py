"""What is said and attached on a request: messages between the association and the city, the
city's private notes, attachments."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.support import files
from associations.support.guards import require_manager, require_staff
from associations.support.models import Attachment, Message, PrivateNote, SupportRequest
from associations.support.notices import tell_city, tell_managers
from associations.support.workflow import (
    SupportError,
    can_review,
)

State = SupportRequest.State


def post_message(*, support_request, by, body: str) -> Message:
    from_city = can_review(by)
    if not from_city:
        require_manager(by, support_request.association)
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
        params = {"title": locked.title}
        if from_city:
            tell_managers(locked, "support.message", params, body)
        elif locked.state != State.DRAFT:
            tell_city(locked, "support.message", params, body)
    return message


def add_private_note(*, support_request, by, body: str) -> PrivateNote:
    require_staff(by)
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
        require_manager(by, locked.association)
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
        require_manager(by, locked.association)
        if not locked.is_editable:
            raise SupportError(_("Cette demande ne peut plus être modifiée."))
        stored = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.storage.delete(stored))
