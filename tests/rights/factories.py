import datetime as dt

from django.utils import timezone

from solidarite.rights import services
from solidarite.rights.models import Aid, Place
from tests.factories import quartier


def make_place(
    *,
    by=None,
    themes=("difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",),
    aids=None,
    **fields,
) -> Place:
    values = {
        "slug": "ccas-test",
        "name": "CCAS de Rezé",
        "kind": Place.Kind.CCAS,
        "description": "Accueil, information et orientation pour toutes les démarches sociales.",
        "address": "Hôtel de ville, place Jean-Baptiste Daviais",
        "postal_code": "44400",
        "city": "Rezé",
        "latitude": 47.1808,
        "longitude": -1.5497,
        "quartier": quartier("reze-hotel-de-ville"),
        "phone": "02 40 84 43 00",
        "opening_hours": "Mo-Fr 08:30-12:30,13:30-17:30; PH off",
        "wheelchair": Place.Wheelchair.YES,
    }
    values.update(fields)
    return services.save_place(place=Place(**values), by=by, themes=list(themes), aids=aids)


def make_aid(
    *, by=None, themes=("logement-hebergement--se-maintenir-dans-le-logement",), publics=("locataire",), **fields
) -> Aid:
    today = timezone.localdate()
    values = {
        "slug": "aide-au-loyer",
        "title": "Aide au loyer",
        "summary": "La CAF aide à payer le loyer quand les revenus sont modestes.",
        "keywords": "APL ALS",
        "kind": "aide-financiere",
        "institution": "caf",
        "eligibility": "Être locataire\nAvoir des revenus modestes",
        "documents": "Bail\nRIB",
        "how_to_apply": "Faites la demande en ligne sur caf.fr.",
        "apply_online_url": "https://www.caf.fr/allocataires/aides-et-demarches/droits-et-prestations/logement",
        "source_url": "https://www.service-public.fr/particuliers/vosdroits/F12006",
        "source_date": today - dt.timedelta(days=10),
        "reviewed_on": today - dt.timedelta(days=10),
        "next_review_on": today + dt.timedelta(days=170),
    }
    values.update(fields)
    return services.save_aid(aid=Aid(**values), by=by, themes=list(themes), publics=list(publics))


def make_permanence(*, place=None, agents=(), **fields):
    from solidarite.rights.models import Permanence

    values = {
        "slug": "permanence-logement",
        "title": "Permanence logement du CCAS",
        "opening_hours": "Tu,Th 14:00-17:00",
        "walk_in_hours": "Th 14:00-15:00",
        "slot_minutes": 30,
    }
    values.update(fields)
    permanence = Permanence.objects.create(place=place or make_place(), **values)
    permanence.agents.set(agents)
    return permanence


# --- days derived from the permanence's hours (never from the default instant: see tests/conftest.py) ---


def coming_days(permanence):
    """(day, slots) of the days the permanence opens after today, within its booking horizon.

    Today is left out: at some test instants its slots are already too close to book. Public holidays
    have no slots, so they are skipped as the hours say."""
    from django.utils import timezone

    from solidarite.rights import availability

    today = timezone.localdate()
    return [(day, found) for day, found in availability.by_day(availability.slots(permanence)) if day > today]


def booking_day(permanence):
    """The first day after today when every slot of the permanence is booked by appointment (no walk-in)."""
    return next(day for day, found in coming_days(permanence) if all(s.state == "free" for s in found))


def day_slots(permanence, day):
    """The slots of one day of the permanence, each with its state."""
    from solidarite.rights import availability

    return availability.slots(permanence, first=day, last=day)


def free_starts(permanence, day=None):
    """The starts of the free slots after today (of ``day`` only, when given), in order."""
    days = [(found_day, found) for found_day, found in coming_days(permanence) if day in (None, found_day)]
    return [s.start for _day, found in days for s in found if s.bookable]


def every_bookable_start(permanence):
    """Every slot a person could book now, today's included (a permanence is full once they are all held)."""
    from solidarite.rights import availability

    return [s.start for s in availability.slots(permanence) if s.bookable]


def make_mandate(mediator, *, resident=None, scopes=("help_requests", "appointments"), months=12, **fields):
    """A mandate recorded by ``mediator`` for a resident without an account (Mme Durand) by default."""
    from solidarite.rights import mandates
    from solidarite.rights.models import MediatorGrant

    structure = MediatorGrant.objects.filter(user=mediator).first().association
    values = {"consent_method": "phone"}
    if resident is None:
        values.update(resident_name="Mme Durand", resident_phone="02 40 11 22 33")
    values.update(fields)
    today = mandates.today()
    return mandates.create(
        by=mediator,
        structure=structure,
        scopes=scopes,
        resident=resident,
        ends_on=mandates.add_months(today, months) - dt.timedelta(days=1),
        **values,
    )
