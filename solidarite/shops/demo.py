"""Demo shops of Rezé: a social grocery, a café, a repair workshop, a bookshop, a bakery, the market,
a market gardener; a verified shopkeeper; one claim waiting for staff."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import luhn

from solidarite.accounts.demo import DemoAccount, demo_user, register

SHOPKEEPER = ("commercant@solidarite.test", "demo-commercant-2026")


def demo_siret(seed: int) -> str:
    """A SIRET that passes the checks (SIREN and SIRET Luhn keys), for demo data only."""
    siren = f"{seed:08d}"
    siren += luhn.calc_check_digit(siren)
    for nic in range(10000):
        candidate = siren + f"{nic:04d}"
        candidate += luhn.calc_check_digit(candidate)
        if candidate[9:13] != "0000":
            return candidate
    raise AssertionError("unreachable")


SHOPS = [
    {
        "slug": "epicerie-solidaire-du-chateau",
        "name": "Épicerie solidaire du Château",
        "kind": "epicerie-sociale",
        "tags": ["aide alimentaire", "fruits et légumes", "produits d'hygiène"],
        "description": "Produits du quotidien à 10 à 30 % du prix, pour les personnes orientées par le CCAS "
        "ou un·e travailleur·se social·e. Café et coin lecture pendant les courses.",
        "address": "12 rue du Château",
        "quartier": "chateau",
        "point": (47.1862, -1.5632),
        "phone": "02 40 00 11 22",
        "opening_hours": "Tu,Th 14:00-18:00; Sa 09:30-12:30; PH off",
        "wheelchair": "yes",
        "accessibility": "Entrée de plain-pied, chaises près des caisses.",
        "payment_means": ["cash", "card", "solidarity-voucher"],
        "owned": False,
        "seed": 81234567,
    },
    {
        "slug": "cafe-des-isles",
        "name": "Le Café des Isles",
        "kind": "cafe",
        "tags": ["café suspendu", "terrasse", "jeux de société"],
        "description": "Café de quartier au bord de Loire. Cafés suspendus : offrez-en un, quelqu'un le boira.",
        "address": "3 quai Surcouf",
        "quartier": "trentemoult-les-isles",
        "point": (47.1940, -1.5810),
        "phone": "02 40 00 33 44",
        "opening_hours": "Tu-Sa 08:00-19:00; Su 09:00-13:00; PH off",
        "wheelchair": "limited",
        "accessibility": "Une petite marche à l'entrée ; rampe sur demande.",
        "payment_means": ["cash", "card", "contactless", "local-currency"],
        "owned": True,
        "seed": 82345678,
    },
    {
        "slug": "atelier-repar-tout",
        "name": "L'Atelier Répar'Tout",
        "kind": "reparation",
        "tags": ["vélo", "petit électroménager", "couture"],
        "description": "Réparation de vélos, de petit électroménager et retouches. Repair café un samedi par mois.",
        "address": "45 rue Jean-Jaurès",
        "quartier": "ragon",
        "point": (47.1580, -1.5395),
        "phone": "02 40 00 55 66",
        "opening_hours": "Mo-Fr 09:30-12:30,14:00-18:30; Sa 10:00-17:00; PH off",
        "wheelchair": "yes",
        "accessibility": "Atelier au rez-de-chaussée.",
        "payment_means": ["cash", "card", "cheque"],
        "owned": True,
        "seed": 83456789,
    },
    {
        "slug": "librairie-des-mots-passants",
        "name": "Librairie des Mots Passants",
        "kind": "librairie",
        "tags": ["livres d'occasion", "jeunesse", "gros caractères"],
        "description": "Librairie indépendante, rayon livres en gros caractères et livres audio.",
        "address": "8 rue Alsace-Lorraine",
        "quartier": "pont-rousseau",
        "point": (47.1957, -1.5483),
        "opening_hours": "Tu-Sa 10:00-19:00; PH off",
        "wheelchair": "no",
        "accessibility": "Deux marches ; le libraire apporte les livres en vitrine sur demande.",
        "payment_means": ["cash", "card", "cheque"],
        "owned": False,
        "seed": 84567890,
    },
    {
        "slug": "fournil-de-la-houssais",
        "name": "Le Fournil de la Houssais",
        "kind": "boulangerie",
        "tags": ["pain au levain", "anti-gaspillage"],
        "description": "Boulangerie au levain. Les invendus du soir partent en paniers à petit prix.",
        "address": "2 place de la Houssais",
        "quartier": "la-houssais",
        "point": (47.1668, -1.5615),
        "opening_hours": "We-Su 07:00-13:00,15:30-19:30; Mo 07:00-13:00",
        "wheelchair": "yes",
        "payment_means": ["cash", "card", "contactless", "meal-voucher"],
        "owned": True,
        "seed": 85678901,
    },
    {
        "slug": "marche-de-l-hotel-de-ville",
        "name": "Marché de l'Hôtel de Ville",
        "kind": "marche",
        "tags": ["producteurs", "plein air"],
        "description": "Marché de plein air : maraîchers, fromagers, poissonnier de la côte.",
        "address": "Place Jean-Baptiste Daviais",
        "quartier": "reze-hotel-de-ville",
        "point": (47.1808, -1.5497),
        "opening_hours": "We,Sa 08:00-13:00",
        "wheelchair": "yes",
        "payment_means": ["cash", "card"],
        "owned": False,
        "seed": 86789012,
    },
    {
        "slug": "ferme-maraichere-de-la-blordiere",
        "name": "Ferme maraîchère de la Blordière",
        "kind": "producteur",
        "tags": ["légumes bio", "vente à la ferme"],
        "description": "Légumes de saison cultivés à Rezé, vente directe à la ferme.",
        "address": "Chemin de la Blordière",
        "quartier": "la-blordiere",
        "point": (47.1722, -1.5335),
        "opening_hours": "Fr 16:00-19:00; Sa 09:00-12:00",
        "payment_means": ["cash", "cheque", "local-currency"],
        "owned": True,
        "seed": 87890123,
    },
]

INITIATIVES = [
    (
        "cafe-des-isles",
        "suspendu",
        "Cafés suspendus",
        "Payez un café d'avance : il sera servi à qui le demande, sans question.",
        -60,
        None,
    ),
    (
        "atelier-repar-tout",
        "repair-cafe",
        "Repair café du premier samedi",
        "Apportez ce qui est cassé : on répare ensemble, gratuitement, le premier samedi du mois de 10 h à 13 h.",
        -30,
        None,
    ),
    (
        "atelier-repar-tout",
        "remise-sociale",
        "-30 % pour les personnes orientées par le CCAS",
        "Sur présentation du courrier d'orientation du CCAS ou de l'épicerie solidaire.",
        -10,
        120,
    ),
    (
        "fournil-de-la-houssais",
        "anti-gaspi",
        "Paniers anti-gaspillage du soir",
        "Chaque soir à 19 h, les invendus du jour en paniers à 3 €.",
        -5,
        None,
    ),
    (
        "ferme-maraichere-de-la-blordiere",
        "producteurs",
        "Paniers de légumes à prix solidaire",
        "Un panier de saison à 5 € pour les familles orientées par l'épicerie solidaire.",
        7,
        90,
    ),
]


@register(order=60)
def load_shops():
    from associations.directory.models import Association
    from solidarite.accounts.models import User
    from solidarite.places.models import Quartier
    from solidarite.shops.models import Initiative, Shop, ShopClaim

    shopkeeper = demo_user(
        email=SHOPKEEPER[0], password=SHOPKEEPER[1], display_name="Sophie (Café des Isles)", quartier_slug="ragon"
    )
    now = timezone.now()
    shops = {}
    for row in SHOPS:
        data = dict(row)
        tags, point, seed, owned = data.pop("tags"), data.pop("point"), data.pop("seed"), data.pop("owned")
        quartier = Quartier.objects.filter(slug=data.pop("quartier")).first()
        shop, created = Shop.objects.get_or_create(
            slug=data["slug"],
            defaults={
                **data,
                "quartier": quartier,
                "latitude": point[0],
                "longitude": point[1],
                "postal_code": "44400",
                "city": "Rezé",
                "siret": demo_siret(seed),
                "status": Shop.Status.VERIFIED,
                "verified_at": now,
                "owner": shopkeeper if owned else None,
            },
        )
        if created:
            shop.tags.set(tags)
            if owned:
                ShopClaim.objects.create(
                    shop=shop,
                    user=shopkeeper,
                    siret=shop.siret,
                    status=ShopClaim.Status.APPROVED,
                    decided_at=now,
                    decision_note="Kbis vérifié en mairie.",
                )
        shops[shop.slug] = shop

    # Karim, a neighbour from the accounts demo, asks to take over the bookshop: it waits for staff.
    neighbour = User.objects.filter(email="voisin@solidarite.test").first()
    if neighbour is not None:
        bookshop = shops["librairie-des-mots-passants"]
        ShopClaim.objects.get_or_create(
            shop=bookshop,
            user=neighbour,
            status=ShopClaim.Status.PENDING,
            defaults={"siret": bookshop.siret, "message": "Je reprends la librairie en janvier."},
        )

    partner = Association.objects.listed().order_by("name").first()
    today = timezone.localdate()
    for slug, kind, title, description, start, length in INITIATIVES:
        Initiative.objects.get_or_create(
            shop=shops[slug],
            title=title,
            defaults={
                "kind": kind,
                "description": description,
                "starts_on": today + timedelta(days=start),
                "ends_on": today + timedelta(days=start + length) if length else None,
                "association": partner if kind in ("remise-sociale", "producteurs") else None,
                "created_by": shopkeeper,
            },
        )
    return [DemoAccount("shopkeeper", *SHOPKEEPER, str(_("/commerces/ : ses horaires, ses initiatives locales")))]
