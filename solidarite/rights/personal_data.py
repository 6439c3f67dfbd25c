"""What access to rights holds about a person (RGPD), for export and erase.

The guide keeps only city staff's work references: who reviews an aid, who last edited an aid or a
place, who made each change in the history. On erase the aids and places stay (they are the town's
information); the person's name is removed from them and from the history.

Permanences hold the appointments a person booked (where, when, the theme code, the state) and, for
an agent, the permanences where they receive and their calendar token. On erase the person's
upcoming appointments are cancelled (their slots free again, the agents told); the past ones lose the
person and stay as counts; an agent leaves their permanences and their calendar address stops working.
A place on a permanence's waiting list (which permanence, the wished day, its state) is deleted.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.rights.models import AgentFeedToken, Aid, AidRevision, Appointment, Place, WaitlistEntry

    return {
        "dispositifs_a_relire": list(
            Aid.objects.filter(reviewer=user).order_by("pk").values("pk", "title", "reviewed_on", "next_review_on")
        ),
        "dispositifs_modifies": list(Aid.objects.filter(updated_by=user).order_by("pk").values("pk", "title")),
        "points_d_accueil_modifies": list(Place.objects.filter(updated_by=user).order_by("pk").values("pk", "name")),
        "historique": list(AidRevision.objects.filter(by=user).order_by("pk").values("aid__title", "action", "at")),
        "rendez_vous": [
            {
                "permanence": row.permanence.title,
                "lieu": row.permanence.place.name,
                "debut": row.start.isoformat(),
                "fin": row.end.isoformat(),
                "theme": row.reason,
                "etat": row.status,
            }
            for row in Appointment.objects.filter(resident=user).select_related("permanence__place").order_by("start")
        ],
        "permanences_tenues": list(user.rights_permanences.order_by("pk").values("pk", "title")),
        "calendrier_des_rendez_vous": AgentFeedToken.objects.filter(user=user).exists(),
        "listes_d_attente": [
            {"permanence": row.permanence.title, "jour": row.day, "etat": row.status, "depuis": row.created_at}
            for row in WaitlistEntry.objects.filter(person=user).select_related("permanence").order_by("pk")
        ],
    }


def erase(user):
    from solidarite.rights import appointments
    from solidarite.rights.models import AgentFeedToken, Aid, AidRevision, Appointment, Place, WaitlistEntry

    WaitlistEntry.objects.filter(person=user).delete()  # first: a slot freed below is not offered to them
    Aid.objects.filter(reviewer=user).update(reviewer=None)
    Aid.objects.filter(updated_by=user).update(updated_by=None)
    Place.objects.filter(updated_by=user).update(updated_by=None)
    AidRevision.objects.filter(by=user).update(by=None)
    appointments.cancel_future_of(user)
    Appointment.objects.filter(resident=user).update(resident=None)
    Appointment.objects.filter(booked_by=user).update(booked_by=None)
    Appointment.objects.filter(status_by=user).update(status_by=None)
    user.rights_permanences.clear()
    AgentFeedToken.objects.filter(user=user).delete()


def handler() -> PersonalDataHandler:
    from solidarite.rights.models import (
        AgentFeedToken,
        Aid,
        AidRevision,
        Appointment,
        Permanence,
        Place,
        WaitlistEntry,
    )

    return PersonalDataHandler(
        label="acces_aux_droits",
        models=(Aid, AidRevision, Place, Permanence, Appointment, AgentFeedToken, WaitlistEntry),
        export=export,
        erase=erase,
        order=50,
    )
