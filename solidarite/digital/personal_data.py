"""What the places of digital help hold about a person (RGPD), for export and erase.

Nothing about the people helped: the places are public places. Only the staff and managers who marked
or edited a place are named, in its last editor and its log of changes; on erase those rows stay (the
place's history) and lose the name.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.digital.models import DigitalPlace, DigitalPlaceChange

    return {
        "modifications": [
            {
                "lieu": str(change.place),
                "le": change.at.isoformat(),
                "action": change.action,
                "champs": sorted(change.changes),
            }
            for change in DigitalPlaceChange.objects.filter(by=user).select_related(
                "place__rights_place", "place__room", "place__association", "place__shop"
            )
        ],
        "derniere_modification_de": [str(place) for place in DigitalPlace.objects.filter(updated_by=user)],
    }


def erase(user):
    from solidarite.digital.models import DigitalPlace, DigitalPlaceChange

    DigitalPlaceChange.objects.filter(by=user).update(by=None)
    DigitalPlace.objects.filter(updated_by=user).update(updated_by=None)


def handler() -> PersonalDataHandler:
    from solidarite.digital.models import DigitalPlace, DigitalPlaceChange

    return PersonalDataHandler(label="numerique", models=(DigitalPlace, DigitalPlaceChange), export=export, erase=erase)
