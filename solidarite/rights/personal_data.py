"""What access to rights holds about a person (RGPD), for export and erase.

The guide keeps only city staff's work references: who reviews an aid, who last edited an aid or a
place, who made each change in the history. On erase the aids and places stay (they are the town's
information); the person's name is removed from them and from the history.

Permanences hold the appointments a person booked (where, when, the theme code, the state) and, for
an agent, the permanences where they receive (their calendar's address is `calendars`'). On erase the person's
upcoming appointments are cancelled (their slots free again, the agents told); the past ones lose the
person and stay as counts; an agent leaves their permanences.
A place on a permanence's waiting list (which permanence, the wished day, its state) is deleted.

Mandates: as a resident, the mandates they gave and what was done under them; as a mediator, their
grants and the mandates they recorded or acted under (numbers and structures, not the residents'
names: those are the residents' data). On erase the person's running mandates are revoked (the end
purges nothing more of theirs: an account's mandate holds no typed name), they leave the mandates as
resident, their name leaves the logs, and their mediator grants go.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.rights.models import (
        Aid,
        AidRevision,
        Appointment,
        Mandate,
        MandateAct,
        MediatorGrant,
        Place,
        WaitlistEntry,
    )

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
        "mandats_donnes": [
            {
                "numero": mandate.pk,
                "structure": mandate.structure.name,
                "perimetre": mandate.scopes,
                "consentement": mandate.consent_method,
                "du": mandate.starts_on,
                "au": mandate.ends_on,
                "etat": mandate.status,
                "actes": list(mandate.acts.order_by("at", "pk").values("kind", "summary", "at")),
            }
            for mandate in Mandate.objects.filter(resident=user).select_related("structure").order_by("pk")
        ],
        "role_de_mediateur": list(
            MediatorGrant.objects.filter(user=user).order_by("pk").values("association__name", "granted_at")
        ),
        "mandats_enregistres": list(
            Mandate.objects.filter(recorded_by=user).order_by("pk").values("pk", "structure__name", "created_at")
        ),
        "actes_sous_mandat": list(
            MandateAct.objects.filter(by=user).order_by("pk").values("mandate_id", "kind", "summary", "at")
        ),
        "listes_d_attente": [
            {"permanence": row.permanence.title, "jour": row.day, "etat": row.status, "depuis": row.created_at}
            for row in WaitlistEntry.objects.filter(person=user).select_related("permanence").order_by("pk")
        ],
    }


def erase(user):
    from solidarite.rights import appointments, mandates
    from solidarite.rights.models import (
        Aid,
        AidRevision,
        Appointment,
        Mandate,
        MandateAct,
        MandateLog,
        MediatorGrant,
        Place,
        WaitlistEntry,
    )

    WaitlistEntry.objects.filter(person=user).delete()  # first: a slot freed below is not offered to them
    mandates.end_for_person(user)
    Mandate.objects.filter(resident=user).update(resident=None)
    Mandate.objects.filter(recorded_by=user).update(recorded_by=None)
    MandateAct.objects.filter(by=user).update(by=None)
    MandateLog.objects.filter(by=user).update(by=None)
    MediatorGrant.objects.filter(granted_by=user).update(granted_by=None)
    MediatorGrant.objects.filter(user=user).delete()

    Aid.objects.filter(reviewer=user).update(reviewer=None)
    Aid.objects.filter(updated_by=user).update(updated_by=None)
    Place.objects.filter(updated_by=user).update(updated_by=None)
    AidRevision.objects.filter(by=user).update(by=None)
    appointments.cancel_future_of(user)
    Appointment.objects.filter(resident=user).update(resident=None)
    Appointment.objects.filter(booked_by=user).update(booked_by=None)
    Appointment.objects.filter(status_by=user).update(status_by=None)
    user.rights_permanences.clear()


def handler() -> PersonalDataHandler:
    from solidarite.rights.models import (
        Aid,
        AidRevision,
        Appointment,
        Mandate,
        MandateAct,
        MandateLog,
        MediatorGrant,
        Permanence,
        Place,
        WaitlistEntry,
    )

    return PersonalDataHandler(
        label="acces_aux_droits",
        models=(
            Aid,
            AidRevision,
            Place,
            Permanence,
            Appointment,
            Mandate,
            MandateAct,
            MandateLog,
            MediatorGrant,
            WaitlistEntry,
        ),
        export=export,
        erase=erase,
        order=50,
    )
