"""Demo data: the épicerie sociale of the CCAS of Rezé, a prescriber, a manager, a till volunteer, and three
oriented households whose codes are printed with the demo accounts (a real code is never shown twice:
these are fixed so that the demo can be tried)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.demo import DemoAccount, demo_user, register

GROCERY = {
    "slug": "epicerie-solidaire-du-ccas",
    "name": "Épicerie solidaire du CCAS",
    "run_by": "CCAS de Rezé",
    "description": "Produits frais, d'épicerie et d'hygiène à 10 à 30 % de leur prix, choisis par le foyer "
    "lui-même, sur orientation d'un·e travailleur·se social·e.",
    "address": "12 rue Jean Fraix, 44400 Rezé",
    "latitude": "47.183700",
    "longitude": "-1.552900",
    "phone": "02 40 00 00 00",
    "opening_hours": "Tu,Th 14:00-18:00; Sa 09:30-12:30; PH off",
    "unit": "euros",
    "slot_minutes": 30,
    "slot_capacity": 4,
}
PEOPLE = {
    "prescriber": ("prescriptrice@solidarite.test", "Sophie (CCAS)"),
    "grocery manager": ("epicerie@solidarite.test", "Martine (épicerie)"),
    "grocery till": ("caisse@solidarite.test", "Louis (bénévole)"),
}
# (code, size band, monthly allowance in cents)
HOUSEHOLDS = [("K7QM4-RXPW1", "1", 3000), ("K7QM4-RXPW2", "3-4", 6000), ("K7QM4-RXPW3", "5+", 8000)]


def _surplus(grocery):
    """The épicerie's needs, and one open offer from a demo shop nearby (a new one once it has passed)."""
    from solidarite.grocery.surplus_models import Category, Need, StockMove, SurplusMatch, SurplusOffer
    from solidarite.shops.models import Shop

    for category in (Category.FRUITS_VEGETABLES, Category.FRESH, Category.BREAD):
        Need.objects.get_or_create(grocery=grocery, category=category, defaults={"updated_at": timezone.now()})
    if not StockMove.objects.filter(grocery=grocery).exists():
        # What the shelves hold: households prepare baskets from it.
        for category, kg, source in (
            (Category.GROCERY, "40.0", StockMove.Source.PURCHASE),
            (Category.HYGIENE, "12.0", StockMove.Source.DONATION),
            (Category.BABY, "6.0", StockMove.Source.DONATION),
        ):
            StockMove.objects.create(
                grocery=grocery, category=category, kg=kg, direction="in", source=source, at=timezone.now()
            )
    shop = Shop.objects.filter(owner__isnull=False, latitude__isnull=False).order_by("pk").first()
    if shop is None or SurplusOffer.objects.filter(shop=shop, status="open", until__gt=timezone.now()).exists():
        return
    offer = SurplusOffer.objects.create(
        shop=shop,
        category=Category.BREAD,
        what="Pains et viennoiseries de la veille",
        kg="6.0",
        until=timezone.now() + dt.timedelta(days=2),
        pickup="À l'arrière de la boutique, demander au comptoir",
        created_at=timezone.now(),
    )
    SurplusMatch.objects.create(offer=offer, grocery=grocery, score=0.8, explanation="pain et viennoiseries · 6,0 kg")


@register(order=95)
def load_grocery():
    from solidarite.grocery import codes
    from solidarite.grocery.models import Grocery, Household, Orientation, Prescriber, Visit
    from solidarite.grocery.orientation_workflow import ORIENTATION

    accounts, users = [], {}
    for role, (email, name) in PEOPLE.items():
        password = "demo-" + email.split("@")[0] + "-2026"
        users[role] = demo_user(email=email, password=password, display_name=name, quartier_slug="reze-hotel-de-ville")
        accounts.append((role, email, password))
    grocery, _created = Grocery.objects.get_or_create(slug=GROCERY["slug"], defaults=GROCERY)
    grocery.managers.add(users["grocery manager"])
    grocery.volunteers.add(users["grocery till"])
    prescriber, _created = Prescriber.objects.get_or_create(
        user=users["prescriber"],
        defaults={"kind": Prescriber.Kind.CCAS, "organisation": "CCAS de Rezé", "granted_at": timezone.now()},
    )
    today = timezone.localdate()
    for code, size_band, allowance in HOUSEHOLDS:
        household, created = Household.objects.get_or_create(
            code_hash=codes.digest(code),
            defaults={"grocery": grocery, "code_hint": codes.hint(code), "size_band": size_band},
        )
        if not household.orientations.filter(status=Orientation.Status.ACTIVE, ends_on__gte=today).exists():
            # Run again after the demo right's end: the old one expires (logged), a new one starts.
            ORIENTATION.move_many(list(household.orientations.filter(status="active")), "expire", by=None)
            orientation = Orientation.objects.create(
                household=household,
                prescriber=prescriber,
                starts_on=today - dt.timedelta(days=30),
                ends_on=today + dt.timedelta(days=150),
                allowance=allowance,
            )
            orientation.log.create(name="orient", from_state="", to_state="active", by=prescriber.user)
        if created:
            # A visit last month: the month's figures are not empty, this month's allowance is whole.
            Visit.objects.create(
                grocery=grocery,
                household=household,
                size_band=size_band,
                amount=allowance // 2,
                at=timezone.now() - dt.timedelta(days=31),
                by=users["grocery till"],
            )
    _surplus(grocery)
    codes_text = ", ".join(code for code, _size, _allowance in HOUSEHOLDS)
    to_try = {
        "prescriber": _("/epicerie/orientations/ : orienter un foyer, obtenir son code"),
        "grocery manager": _("/epicerie/invendus/ : accepter des invendus ; /epicerie/%(slug)s/benevoles/")
        % grocery.__dict__,
        # The households have no account: their codes are printed here, to try at the till and on /epicerie/acces/.
        "grocery till": _("/epicerie/%(slug)s/caisse/ : codes des foyers %(codes)s (aussi sur /epicerie/acces/)")
        % {"slug": grocery.slug, "codes": codes_text},
    }
    rows = [DemoAccount(role, email, password, str(to_try[role])) for role, email, password in accounts]
    return rows
