"""Demo places of digital help (``manage.py demo``), on the kinds of places Rezé has: the médiathèque's
digital space (a conseiller numérique, by appointment), the CCAS, a centre socioculturel, a room of the
maison des associations for beginners' workshops, an association's premises and a café with free wifi.
Idempotent: a place already marked keeps what was edited since.
"""

from solidarite.accounts.demo import register

CENTRE_SOCIAL = {
    "slug": "centre-socioculturel-du-chateau",
    "name": "Centre socioculturel du Château",
    "kind": "centre-social",
    "description": "Accueil de loisirs, ateliers et permanences. Un espace numérique est ouvert à tous les habitants.",
    "address": "Rue du Château",
    "quartier": "chateau",
    "point": (47.1855, -1.5625),
    "phone": "02 40 00 60 60",
    "phone_hours": "du lundi au vendredi, 14 h – 18 h",
    "opening_hours": "Mo-Fr 14:00-18:30; We 09:30-12:00; PH off",
    "wheelchair": "yes",
    "themes": ["numerique--maitriser-les-fondamentaux-du-numerique", "numerique--acceder-a-une-connexion-internet"],
}

# (kind, slug, services and the rest): what each place offers.
MARKED = [
    (
        "rights_place",
        "espace-numerique-mediatheque",
        {
            "free_computers": True,
            "free_wifi": True,
            "printing": True,
            "online_procedures": True,
            "beginner_workshops": True,
            "conseiller_numerique": True,
            "aidants_connect": True,
            "summary": "Ordinateurs, wifi et imprimante en libre accès ; un conseiller numérique aide aux démarches "
            "en ligne, sur rendez-vous ou sans le samedi matin.",
            "publics": ["seniors", "familles"],
            "support": ["deficience-visuelle", "illettrisme"],
        },
    ),
    (
        "rights_place",
        "ccas-de-reze",
        {
            "printing": True,
            "online_procedures": True,
            "aidants_connect": True,
            "summary": "Les agent·es du CCAS aident à faire une demande en ligne (CAF, ameli, chèque énergie) et "
            "scannent les justificatifs.",
        },
    ),
    (
        "rights_place",
        "centre-socioculturel-du-chateau",
        {
            "free_computers": True,
            "free_wifi": True,
            "printing": True,
            "beginner_workshops": True,
            "opening_hours": "Tu,Th 14:00-17:00; PH off",
            "summary": "Ateliers pour débuter le mardi et le jeudi après-midi : allumer un ordinateur, envoyer un "
            "e-mail, se servir d'un smartphone.",
            "publics": ["seniors"],
            "fee": "gratuit-sous-condition",
        },
    ),
    (
        "room",
        "salle-de-reunion-loire",
        {
            "free_wifi": True,
            "beginner_workshops": True,
            "opening_hours": "Mo 14:00-16:00; PH off",
            "summary": "Le lundi après-midi, des bénévoles animent un atelier « premiers pas sur internet ».",
        },
    ),
    (
        "association",
        "secours-solidaire-rezeen",
        {
            "free_computers": True,
            "printing": True,
            "online_procedures": True,
            "summary": "Un ordinateur et une imprimante au local ; les bénévoles aident à remplir un dossier en ligne.",
            "support": ["autres-langues"],
        },
    ),
    (
        "shop",
        "cafe-des-isles",
        {
            "free_wifi": True,
            "summary": "Wifi gratuit pour les clients, et une prise pour recharger son téléphone.",
        },
    ),
]


def _centre_social(agent):
    from solidarite.places.models import Quartier
    from solidarite.rights import services
    from solidarite.rights.models import Place

    spec = dict(CENTRE_SOCIAL)
    existing = Place.objects.filter(slug=spec["slug"]).first()
    if existing or agent is None:
        return existing
    themes = spec.pop("themes")
    latitude, longitude = spec.pop("point")
    place = Place(
        latitude=latitude,
        longitude=longitude,
        postal_code="44400",
        city="Rezé",
        quartier=Quartier.objects.filter(slug=spec.pop("quartier")).first(),
        **spec,
    )
    return services.save_place(place=place, by=agent, themes=themes)


@register(order=97)
def load_digital():
    from associations.directory.models import Association
    from associations.rooms.models import Room
    from solidarite.accounts.models import User
    from solidarite.digital import services
    from solidarite.digital.models import DigitalPlace
    from solidarite.rights.models import Place
    from solidarite.shops.models import Shop

    agent = User.objects.filter(email="agent@solidarite.test", is_staff=True).first()
    if agent is None:
        return []
    _centre_social(agent)
    models = {"rights_place": Place, "room": Room, "association": Association, "shop": Shop}
    for kind, slug, data in MARKED:
        obj = models[kind].objects.filter(slug=slug).first()
        if obj is None or DigitalPlace.objects.filter(**{kind: obj}).exists():
            continue
        services.mark(obj=obj, by=agent, data=data)
    return []
