"""What the directory holds about a person, for the RGPD export and erase."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.directory.models import (
    Action,
    Association,
    AssociationEvent,
    ManagerInvitation,
    Membership,
    Participation,
)
from solidarite.accounts.personal_data import PersonalDataHandler
from solidarite.accounts.roles import Role


def export(user) -> dict:
    return {
        "memberships": [
            {"association": m.association.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("association")
        ],
        "associations_requested": list(Association.objects.filter(created_by=user).values_list("name", flat=True)),
        "actions_published": [
            {"title": a.title, "association": a.association.name, "starts_at": a.starts_at.isoformat()}
            for a in Action.objects.filter(created_by=user).select_related("association")
        ],
        "participations": [
            {"action": p.action.title, "kind": p.kind, "at": p.created_at.isoformat()}
            for p in Participation.objects.filter(user=user).select_related("action")
        ],
        # Invitations received (the address is theirs) and sent: never the other person's address or name.
        "manager_invitations_received": [
            {
                "association": i.association.name,
                "state": i.state,
                "sent_at": i.sent_at.isoformat(),
                "expires_at": i.expires_at.isoformat(),
            }
            for i in ManagerInvitation.objects.addressed_to(user).select_related("association")
        ],
        "manager_invitations_sent": [
            {"association": i.association.name, "state": i.state, "sent_at": i.sent_at.isoformat()}
            for i in ManagerInvitation.objects.filter(invited_by=user).select_related("association")
        ],
        "page_history": [
            {"association": e.association.name, "event": e.kind, "at": e.created_at.isoformat()}
            for e in AssociationEvent.objects.filter(actor=user).select_related("association")
        ],
    }


def erase(user) -> None:
    # Pages and actions belong to the associations: keep them, forget who wrote them.
    Association.objects.filter(created_by=user).update(created_by=None)
    Action.objects.filter(created_by=user).update(created_by=None)
    # These events carry the name they had then (a later rename would escape a match on the name).
    AssociationEvent.objects.filter(
        Q(kind=AssociationEvent.Kind.MANAGER_ADDED) | Q(kind=AssociationEvent.Kind.MANAGER_LEFT),
        Q(actor=user) | Q(message=user.public_name),
    ).update(message="")
    AssociationEvent.objects.filter(actor=user).update(actor=None)
    # Invitations they sent and nobody answered yet are dropped (the link says "annulée"): nobody
    # is left to answer for them. Answered ones stay as the association's history, without the sender.
    ManagerInvitation.objects.filter(invited_by=user).pending().update(revoked_at=timezone.now())
    ManagerInvitation.objects.filter(invited_by=user).update(invited_by=None)
    ManagerInvitation.objects.addressed_to(user).delete()
    Participation.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()


HANDLER = PersonalDataHandler(
    label="directory",
    models=(Association, Membership, Action, Participation, AssociationEvent, ManagerInvitation),
    export=export,
    erase=erase,
    order=50,
)


def manager_roles(user):
    if not user.is_authenticated:
        return []
    return [
        Role("association_manager", _("responsable d'association"), detail=a.name, url=a.get_absolute_url())
        for a in Association.objects.managed_by(user).filter(merged_into__isnull=True).only("name", "slug")
    ]
