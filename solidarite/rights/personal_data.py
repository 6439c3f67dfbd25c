"""What the guide of aids holds about a person: only city staff's work references (RGPD).

The guide describes public aids and places, never a resident. It keeps who reviews an aid, who last
edited an aid or a place, and who made each change in the history. On erase the aids and places stay
(they are the town's information); the person's name is removed from them and from the history.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.rights.models import Aid, AidRevision, Place

    return {
        "dispositifs_a_relire": list(
            Aid.objects.filter(reviewer=user).order_by("pk").values("pk", "title", "reviewed_on", "next_review_on")
        ),
        "dispositifs_modifies": list(Aid.objects.filter(updated_by=user).order_by("pk").values("pk", "title")),
        "points_d_accueil_modifies": list(Place.objects.filter(updated_by=user).order_by("pk").values("pk", "name")),
        "historique": list(AidRevision.objects.filter(by=user).order_by("pk").values("aid__title", "action", "at")),
    }


def erase(user):
    from solidarite.rights.models import Aid, AidRevision, Place

    Aid.objects.filter(reviewer=user).update(reviewer=None)
    Aid.objects.filter(updated_by=user).update(updated_by=None)
    Place.objects.filter(updated_by=user).update(updated_by=None)
    AidRevision.objects.filter(by=user).update(by=None)


def handler() -> PersonalDataHandler:
    from solidarite.rights.models import Aid, AidRevision, Place

    return PersonalDataHandler(
        label="acces_aux_droits", models=(Aid, AidRevision, Place), export=export, erase=erase, order=50
    )
