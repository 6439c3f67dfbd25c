"""Demo data: a refurbishing partner and its person, waiting requests (one by Jeanne, a senior, for a
tablet; others made at the mairie's desk), and a batch whose devices go to them by the priority rules."""

import contextlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.accounts.demo import DemoAccount, demo_user, register

EMAIL, PASSWORD = "reconditionneur@solidarite.test", "demo-reconditionneur-2026"
ORGANISATION = "Atelier du réemploi numérique"
PLACE = "espace-numerique-mediatheque"
# (who asks, public, wanted, address): the desk's requests are for residents without an account.
REQUESTS = [
    ("voisine@solidarite.test", "senior_alone", "tablet", "3 rue des Isles"),
    ("agent@solidarite.test", "pupil", "computer", "14 avenue de la Vendée, bâtiment B, appartement 12"),
    ("agent@solidarite.test", "job_seeker", "any", "6 rue du Château"),
    ("agent@solidarite.test", "senior", "tablet", "21 rue Alsace-Lorraine"),
]
DEVICES = [
    {"kind": "laptop", "specs": "Intel i5, 8 Go, SSD 256 Go, Linux Mint", "condition": "b", "reference": "ARN-0101"},
    {"kind": "tablet", "specs": "10 pouces, 64 Go, Android 13, housse", "condition": "a", "reference": "ARN-0102"},
]


@register(order=97)
def load_equipment():
    from solidarite.accounts.models import User
    from solidarite.equipment import services
    from solidarite.equipment.models import Batch, Refurbisher
    from solidarite.places.models import Quartier
    from solidarite.rights.models import Place

    person = demo_user(email=EMAIL, password=PASSWORD, display_name="Bastien (réemploi)", quartier_slug="ragon")
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    Refurbisher.objects.get_or_create(
        user=person, defaults={"organisation": ORGANISATION, "granted_by": staff, "granted_at": timezone.now()}
    )
    place = Place.objects.filter(slug=PLACE).first()
    quartier = Quartier.objects.order_by("pk").first()
    for email, public, wanted, address in REQUESTS:
        asker = User.objects.filter(email=email).first()
        if asker is None:
            continue
        # Already asked (the demo runs twice), or served within the years of the rule: nothing to do.
        with contextlib.suppress(ValidationError):
            services.ask(
                by=asker, public=public, wanted=wanted, address=address, postal_code="44400", quartier=quartier
            )
    if place is not None and not Batch.objects.filter(organisation=ORGANISATION).exists():
        with transaction.atomic():  # the devices go to the waiting list when this commits
            services.list_batch(by=person, place=place, devices=DEVICES, label=_("Lot de démonstration"))
    to_try = _(
        "/equipement/lots/ : déposer un lot d'appareils ; Jeanne (voisine) voit sa tablette proposée "
        "sur /equipement/mes-demandes/ et choisit un créneau ; l'agent·e suit la file sur /equipement/suivi/"
    )
    return [DemoAccount("refurbisher", EMAIL, PASSWORD, str(to_try))]
