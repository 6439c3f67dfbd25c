"""What support requests hold about a person.

Requests, messages, decisions and their history belong to the association and to the city's
records (public money): on erase they are kept with the person's name removed, never deleted.
"""

from associations.support.models import (
    Attachment,
    Grant,
    Message,
    PrivateNote,
    ReviewTeam,
    SupportRequest,
    Transition,
)
from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    return {
        "demandes_creees": [
            {
                "association": str(r.association),
                "objet": r.title,
                "etat": r.get_state_display(),
                "creee_le": r.created_at,
            }
            for r in SupportRequest.objects.filter(created_by=user).select_related("association")
        ],
        "demandes_instruites": [r.pk for r in SupportRequest.objects.filter(reviewer=user)],
        "equipes_instruction": [team.name for team in ReviewTeam.objects.filter(members=user)],
        "messages": [
            {"demande": m.request_id, "message": m.body, "envoye_le": m.created_at}
            for m in Message.objects.filter(author=user)
        ],
        "notes_internes": [
            {"demande": n.request_id, "note": n.body, "ecrite_le": n.created_at}
            for n in PrivateNote.objects.filter(author=user)
        ],
        "pieces_jointes": [
            {"demande": a.request_id, "nom": a.name} for a in Attachment.objects.filter(uploaded_by=user)
        ],
        "etapes": [
            {"demande": t.request_id, "etape": t.name, "motif": t.reason, "le": t.at}
            for t in Transition.objects.filter(by=user)
        ],
        "decisions": [g.decision_reference for g in Grant.objects.filter(decided_by=user)],
    }


def erase(user):
    SupportRequest.objects.filter(created_by=user).update(created_by=None)
    SupportRequest.objects.filter(reviewer=user).update(reviewer=None)
    Message.objects.filter(author=user).update(author=None)
    PrivateNote.objects.filter(author=user).update(author=None)
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Transition.objects.filter(by=user).update(by=None)
    Transition.objects.filter(assigned_reviewer=user).update(assigned_reviewer=None)
    user.support_teams.clear()
    Grant.objects.filter(decided_by=user).update(decided_by=None)


HANDLER = PersonalDataHandler(
    label="soutiens",
    models=(SupportRequest, ReviewTeam, Message, PrivateNote, Attachment, Transition, Grant),
    export=export,
    erase=erase,
    order=50,
)
