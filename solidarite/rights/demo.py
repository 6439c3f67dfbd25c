"""Demo points d'accueil and guide of aids (``manage.py demo``): idempotent, by slug.

The places are demo places (phone numbers in the 02 40 00 … demo range, like the demo shops); the aids
are real, written from their sources (``demo_aids``). Nothing already there is overwritten: an agent's
edits survive a second run.
"""

import datetime as dt

from solidarite.accounts.demo import register
from solidarite.rights.demo_aids import AIDS

# The day these aids were written from their sources.
SOURCE_DATE = dt.date(2026, 12, 7)
ADMIN = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
RIGHTS = "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"

PLACES = [
    {
        "slug": "accueil-mairie",
        "name": "Accueil de la mairie",
        "kind": "mairie",
        "description": "L'accueil de l'hôtel de ville renseigne sur toutes les démarches et oriente vers le bon "
        "service. Un·e agent·e peut faire une demande d'entraide pour vous sur la plateforme.",
        "address": "Place Jean-Baptiste Daviais",
        "quartier": "reze-hotel-de-ville",
        "point": (47.1808, -1.5497),
        "phone": "02 40 00 10 10",
        "phone_hours": "du lundi au vendredi, 8 h 30 – 17 h 30",
        "opening_hours": "Mo-Fr 08:30-12:30,13:30-17:30; Sa 09:00-12:00; PH off",
        "wheelchair": "yes",
        "accessibility": "Entrée de plain-pied, boucle magnétique à l'accueil, sièges.",
        "themes": [ADMIN, RIGHTS],
    },
    {
        "slug": "ccas-de-reze",
        "name": "CCAS — centre communal d'action sociale",
        "kind": "ccas",
        "description": "Travailleur·ses sociaux·ales du CCAS : accès aux droits, aides financières, domiciliation, "
        "orientation vers l'épicerie sociale, dossiers APA et FSL. Sur rendez-vous, ou à l'accueil.",
        "address": "Hôtel de ville, place Jean-Baptiste Daviais",
        "quartier": "reze-hotel-de-ville",
        "point": (47.1810, -1.5494),
        "phone": "02 40 00 20 20",
        "phone_hours": "du lundi au vendredi, 9 h – 12 h",
        "opening_hours": "Mo-Fr 08:30-12:30,13:30-17:00; PH off",
        "wheelchair": "yes",
        "accessibility": "Bureau d'accueil au rez-de-chaussée, entretiens dans une pièce fermée.",
        "themes": [
            RIGHTS,
            ADMIN,
            "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere",
            "logement-hebergement--se-maintenir-dans-le-logement",
            "famille--prise-en-charge-personne-dependante",
        ],
        "aids": [
            "rsa",
            "aides-au-logement",
            "complementaire-sante-solidaire",
            "allocation-adulte-handicape",
            "allocation-personnalisee-d-autonomie-a-domicile",
            "fonds-de-solidarite-pour-le-logement",
            "domiciliation",
            "aide-financiere-du-ccas",
            "epicerie-sociale",
            "allocation-de-solidarite-aux-personnes-agees",
            "prestation-de-compensation-du-handicap",
            "allocation-education-enfant-handicape",
        ],
    },
    {
        "slug": "secours-solidaire-rezeen",
        "name": "Local du Secours solidaire rézéen",
        "kind": "association",
        "association": "secours-solidaire-rezeen",
        "description": "Accueil, écoute, épicerie sociale et aide aux démarches par les bénévoles de l'association.",
        "address": "22 rue Alsace-Lorraine",
        "quartier": "pont-rousseau",
        "point": (47.1935, -1.5486),
        "phone": "02 40 00 30 30",
        "phone_hours": "mardi et jeudi après-midi",
        "opening_hours": "Tu,Th 14:00-17:00; Sa 09:30-12:00; PH off",
        "wheelchair": "yes",
        "accessibility": "Local de plain-pied. Tram 2 et 3, arrêt Pont-Rousseau.",
        "themes": ["equipement-et-alimentation--alimentation", ADMIN],
        "aids": ["epicerie-sociale", "cheque-energie", "tarification-solidaire-des-transports"],
    },
    {
        "slug": "permanence-droits-maison-des-associations",
        "name": "Permanence accès aux droits — maison des associations",
        "kind": "maison-des-associations",
        "description": "Chaque mercredi, des bénévoles d'associations et un·e agent·e du CCAS aident à comprendre "
        "un courrier, à remplir un dossier CAF, ameli ou MDPH. Salle de réunion Loire, 1er étage.",
        "address": "Maison des associations, rue Jean-Jaurès",
        "quartier": "reze-hotel-de-ville",
        "point": (47.1795, -1.5475),
        "phone": "02 40 00 40 40",
        "phone_hours": "le mercredi, 9 h – 12 h",
        "opening_hours": "We 09:00-12:00,14:00-17:00; PH off",
        "wheelchair": "yes",
        "accessibility": "Ascenseur jusqu'au 1er étage, boucle magnétique dans la salle.",
        "themes": [RIGHTS, ADMIN, "sante--constituer-un-dossier-mdph-invalidite"],
        "aids": [
            "rsa",
            "prime-d-activite",
            "aides-au-logement",
            "complementaire-sante-solidaire",
            "allocations-familiales",
            "allocation-de-rentree-scolaire",
            "allocation-adulte-handicape",
            "aide-juridictionnelle",
        ],
    },
    {
        "slug": "espace-numerique-mediatheque",
        "name": "Espace numérique — aide aux démarches en ligne",
        "kind": "numerique",
        "description": "Un conseiller numérique aide à faire ses démarches sur internet et à se servir d'un "
        "ordinateur ou d'un téléphone. Ordinateurs et imprimante en accès libre.",
        "address": "Place Lucien Le Meut",
        "quartier": "reze-hotel-de-ville",
        "point": (47.1838, -1.5530),
        "phone": "02 40 00 50 50",
        "phone_hours": "aux heures d'ouverture",
        "opening_hours": "Tu,Th 14:00-18:00; We 10:00-12:30,14:00-18:00; Sa 10:00-12:30; PH off",
        "wheelchair": "yes",
        "accessibility": "Plain-pied, poste adapté (grand écran, clavier gros caractères).",
        "themes": [
            "numerique--acceder-a-des-services-en-ligne",
            "numerique--maitriser-les-fondamentaux-du-numerique",
            ADMIN,
        ],
        "aids": ["accompagnement-aux-demarches-en-ligne", "compte-personnel-de-formation", "prime-d-activite"],
    },
]


def _agent():
    from solidarite.accounts.models import User

    return User.objects.filter(email="agent@solidarite.test").first()


def _places(agent) -> dict:
    from associations.directory.models import Association
    from solidarite.places.models import Quartier
    from solidarite.rights import services
    from solidarite.rights.models import Place

    places = {}
    for spec in PLACES:
        spec = dict(spec)
        slug = spec.pop("slug")
        existing = Place.objects.filter(slug=slug).first()
        if existing:
            places[slug] = existing
            continue
        themes = spec.pop("themes")
        spec.pop("aids", None)
        latitude, longitude = spec.pop("point")
        association = spec.pop("association", None)
        place = Place(
            slug=slug,
            latitude=latitude,
            longitude=longitude,
            postal_code="44400",
            city="Rezé",
            quartier=Quartier.objects.filter(slug=spec.pop("quartier")).first(),
            association=Association.objects.filter(slug=association).first() if association else None,
            **spec,
        )
        places[slug] = services.save_place(place=place, by=agent, themes=themes)
    return places


def _aids(agent, places) -> dict:
    from solidarite.rights import services
    from solidarite.rights.models import Aid

    aids = {}
    for spec in AIDS:
        spec = dict(spec)
        existing = Aid.objects.filter(slug=spec["slug"]).first()
        if existing:
            aids[existing.slug] = existing
            continue
        themes, publics = spec.pop("themes"), spec.pop("publics")
        checked = spec.pop("checked", True)
        provider = places.get(spec.pop("provider", ""))
        aid = Aid(
            **spec,
            provider=provider,
            source_date=SOURCE_DATE,
            reviewer=agent,
            reviewed_on=SOURCE_DATE,
            # A source not checked at its exact address is due for review at once.
            next_review_on=SOURCE_DATE + (services.review_interval() if checked else dt.timedelta(0)),
        )
        aids[aid.slug] = services.save_aid(aid=aid, by=agent, themes=themes, publics=publics)
    return aids


# Permanences with appointments: (place, slug, title, description, hours, walk-in hours, minutes).
PERMANENCES = [
    (
        "ccas-de-reze",
        "acces-aux-droits-ccas",
        "Permanence accès aux droits du CCAS",
        "Une travailleuse sociale vous aide à savoir à quelles aides vous avez droit et à faire les demandes.",
        "Tu,Th 13:30-17:00",
        "Th 13:30-14:30",
        30,
    ),
    (
        "espace-numerique-mediatheque",
        "conseiller-numerique-mediatheque",
        "Conseiller numérique : démarches en ligne",
        "Créer un compte CAF ou ameli, scanner un document, envoyer un dossier : on le fait ensemble.",
        "We 14:00-18:00; Sa 10:00-12:00",
        "Sa 10:00-12:00",
        45,
    ),
]


def _permanences(agent, places) -> None:
    from solidarite.rights.models import Permanence

    for place_slug, slug, title, description, opening, walk_in, minutes in PERMANENCES:
        if place_slug not in places or Permanence.objects.filter(slug=slug).exists():
            continue
        permanence = Permanence.objects.create(
            place=places[place_slug],
            slug=slug,
            title=title,
            description=description,
            opening_hours=opening,
            walk_in_hours=walk_in,
            slot_minutes=minutes,
        )
        if agent is not None:
            permanence.agents.add(agent)


@register(order=90)
def load_rights():
    agent = _agent()
    places = _places(agent)
    aids = _aids(agent, places)
    for spec in PLACES:
        place = places[spec["slug"]]
        wanted = [aids[slug] for slug in spec.get("aids", []) if slug in aids]
        if wanted and not place.aids.exists():
            place.aids.set(wanted)
    _permanences(agent, places)
    _mediator()
    return []


def _mediator() -> None:
    """Nadia, the demo mediator, volunteers at the Secours solidaire (a social-action structure); the
    city granted her the role, and she holds one mandate for a resident without an account."""
    from associations.directory.models import Association, Membership
    from solidarite.accounts.models import User
    from solidarite.rights import mandates
    from solidarite.rights.models import Mandate, MediatorGrant

    nadia = User.objects.filter(email="mediatrice@solidarite.test").first()
    structure = Association.objects.filter(slug="secours-solidaire-rezeen", is_social_action=True).first()
    if nadia is None or structure is None:
        return
    Membership.objects.get_or_create(association=structure, user=nadia)
    MediatorGrant.objects.get_or_create(user=nadia, association=structure, defaults={"granted_by": _agent()})
    if not Mandate.objects.filter(structure=structure).exists():
        mandates.create(
            by=nadia,
            structure=structure,
            scopes=["help_requests", "appointments"],
            consent_method="phone",
            ends_on=mandates.add_months(mandates.today(), 6),
            resident_name="Josiane Martin",
            resident_phone="02 40 00 20 20",
        )
