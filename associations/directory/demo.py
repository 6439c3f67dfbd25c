"""Demo: a handful of Rezé associations (one of social action), a manager account, upcoming actions."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarite.accounts.demo import DemoAccount, demo_user, register

ASSOCIATIONS = [
    {
        "slug": "secours-solidaire-rezeen",
        "name": "Secours solidaire rézéen",
        "rna": "W443004521",
        "purpose": "Accueil, écoute et aide d'urgence aux familles et aux personnes isolées de Rezé : colis "
        "alimentaires, vestiaire, accompagnement dans les démarches.",
        "tags": ["solidarité", "aide alimentaire", "accompagnement"],
        "address": "22 rue Alsace-Lorraine",
        "quartier": "pont-rousseau",
        "point": (47.1935, -1.5486),
        "opening_hours": "Tu,Th 14:00-17:00; Sa 09:30-12:00; PH off",
        "membership_fee": "Adhésion libre",
        "accessibility": "Local de plain-pied, accessible en fauteuil roulant. Tram 2 et 3, arrêt Pont-Rousseau.",
        "email": "accueil@secours-solidaire-reze.fr",
        "phone": "02 40 75 12 34",
        "accepts_volunteers": True,
        "is_social_action": True,
    },
    {
        "slug": "theatre-de-la-houssais",
        "name": "Théâtre de la Houssais",
        "rna": "W443004522",
        "purpose": "Troupe de théâtre amateur : ateliers pour enfants, adolescents et adultes, deux créations par an.",
        "tags": ["culture", "théâtre"],
        "address": "5 avenue de la Houssais",
        "quartier": "la-houssais",
        "point": (47.1682, -1.5594),
        "opening_hours": "We 14:00-18:00; Fr 19:00-22:00",
        "membership_fee": "60 € par an, 30 € pour les moins de 18 ans",
        "accessibility": "Salle accessible, boucle magnétique pendant les représentations.",
        "email": "bonjour@theatre-houssais.fr",
        "accepts_volunteers": True,
    },
    {
        "slug": "jardins-partages-de-ragon",
        "name": "Les Jardins partagés de Ragon",
        "rna": "W443004523",
        "purpose": "Cultiver ensemble des parcelles partagées, échanger des graines et apprendre le jardinage "
        "sans pesticides.",
        "tags": ["écologie", "jardinage"],
        "address": "Chemin des Jardiniers",
        "quartier": "ragon",
        "point": (47.1585, -1.5580),
        "opening_hours": "Sa 10:00-12:00",
        "membership_fee": "10 € par an",
        "accessibility": "Allées stabilisées ; deux bacs surélevés pour jardiner assis.",
        "accepts_volunteers": False,
    },
    {
        "slug": "tennis-de-table-trentemoult",
        "name": "Club de tennis de table de Trentemoult",
        "rna": "W443004524",
        "purpose": "Tennis de table en loisir et en compétition, dès 7 ans, et créneau sport-santé pour les seniors.",
        "tags": ["sport", "seniors"],
        "address": "1 quai Marcel Boissard",
        "quartier": "trentemoult-les-isles",
        "point": (47.1951, -1.5727),
        "opening_hours": "Mo,Th 18:00-21:00; We 14:00-17:00",
        "membership_fee": "95 € par an",
        "accessibility": "Gymnase accessible, vestiaires adaptés.",
        "accepts_volunteers": True,
    },
    {
        "slug": "repair-cafe-de-la-blordiere",
        "name": "Repair café de la Blordière",
        "rna": "W443004525",
        "purpose": "Réparer ensemble petits appareils, vélos et vêtements plutôt que jeter.",
        "tags": ["réparation", "écologie"],
        "address": "Maison de quartier de la Blordière",
        "quartier": "la-blordiere",
        "point": (47.1795, -1.5360),
        "pending": True,
    },
]


def _local(days: int, hour: int, minute: int = 0):
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


@register(order=20)
def load_directory():
    from associations.directory.models import Action, Association, Membership
    from solidarite.places.models import Quartier

    password = "demo-responsable-asso-2026"  # noqa: S105 - printed demo account
    manager = demo_user(
        email="responsable-asso@solidarite.test",
        password=password,
        display_name="Martine (Secours solidaire)",
        quartier_slug="pont-rousseau",
    )
    quartiers = {q.slug: q for q in Quartier.objects.all()}
    by_slug = {}
    for data in ASSOCIATIONS:
        data = dict(data)
        tags = data.pop("tags")
        lat, lon = data.pop("point")
        pending = data.pop("pending", False)
        association, created = Association.objects.get_or_create(
            slug=data.pop("slug"),
            defaults={
                **data,
                "quartier": quartiers.get(data.pop("quartier")),
                "latitude": lat,
                "longitude": lon,
                "city": "Rezé",
                "postal_code": "44400",
                "status": Association.Status.PENDING if pending else Association.Status.VERIFIED,
                "verified_at": None if pending else timezone.now(),
                "created_by": manager,
            },
        )
        if created:
            association.tags.set(tags)
            association.set_search_text(tags)
            association.save(update_fields=["search_text"])
        by_slug[association.slug] = association
    for slug in ("secours-solidaire-rezeen", "repair-cafe-de-la-blordiere"):
        Membership.objects.get_or_create(
            association=by_slug[slug], user=manager, defaults={"role": Membership.Role.MANAGER}
        )

    actions = [
        (
            "secours-solidaire-rezeen",
            "Distribution de colis alimentaires",
            {
                "kind": Action.Kind.DISTRIBUTION,
                "description": "Distribution chaque mardi pour les familles inscrites. Nous cherchons des bras "
                "pour préparer les colis dès 13 h.",
                "starts_at": _local(2, 14),
                "ends_at": _local(2, 17),
                "recurrence": Action.Recurrence.WEEKLY,
                "recurrence_until": timezone.localdate() + dt.timedelta(days=90),
                "place_name": "Local du Secours solidaire",
                "address": "22 rue Alsace-Lorraine",
                "wants_volunteers": True,
                "volunteers_needed": 4,
                "tags": ["aide alimentaire"],
            },
        ),
        (
            "secours-solidaire-rezeen",
            "Collecte de vêtements d'hiver",
            {
                "kind": Action.Kind.COLLECTION,
                "description": "Manteaux, bonnets, gants propres et en bon état. Merci !",
                "starts_at": _local(9, 10),
                "ends_at": _local(9, 13),
                "place_name": "Parvis de l'hôtel de ville",
                "address": "Place Jean-Baptiste Daviais",
                "wants_volunteers": True,
                "volunteers_needed": 2,
                "tags": ["solidarité", "vêtements"],
            },
        ),
        (
            "theatre-de-la-houssais",
            "Représentation : « Le Malade imaginaire »",
            {
                "kind": Action.Kind.EVENT,
                "description": "Spectacle tout public, entrée libre, participation au chapeau.",
                "starts_at": _local(12, 20, 30),
                "ends_at": _local(12, 22, 30),
                "place_name": "Salle de la Houssais",
                "address": "5 avenue de la Houssais",
                "tags": ["culture", "théâtre"],
            },
        ),
        (
            "jardins-partages-de-ragon",
            "Troc de graines et de plants",
            {
                "kind": Action.Kind.WORKSHOP,
                "description": "Apportez vos graines, repartez avec celles des voisins.",
                "starts_at": _local(5, 10),
                "ends_at": _local(5, 12),
                "place_name": "Jardins de Ragon",
                "address": "Chemin des Jardiniers",
                "tags": ["jardinage"],
            },
        ),
    ]
    for slug, title, fields in actions:
        association = by_slug[slug]
        fields = dict(fields)
        tags = fields.pop("tags")
        quartier = association.quartier
        action, created = Action.objects.get_or_create(
            association=association,
            title=title,
            defaults={**fields, "quartier": quartier, "created_by": manager},
        )
        if created:
            action.tags.set(tags)
            action.set_search_text(tags)
            Action.objects.filter(pk=action.pk).update(search_text=action.search_text)
    return [
        DemoAccount(
            "association manager",
            manager.email,
            password,
            str(_("modifier la fiche de l'association, publier une action")),
        )
    ]
