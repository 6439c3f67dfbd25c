"""Demo: this year's envelopes, a review team, an association with a draft, a request under review and a granted one."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext

from solidarite.accounts.demo import DemoAccount, demo_user, register

ENVELOPES = [
    ("money", "", "Soutiens exceptionnels aux associations", Decimal("30000.00")),
    ("money", "alimentation", "Aide alimentaire d'urgence", Decimal("12000.00")),
    ("room", "", "Prêts de salles gratuits (valeur)", Decimal("8000.00")),
    ("material", "", "Prêts de matériel (valeur)", Decimal("5000.00")),
    ("communication", "", "Aide à la communication (valeur)", Decimal("3000.00")),
]


@register(order=80)
def load_support():
    from associations.directory.models import Association, Membership
    from associations.support import decisions, drafting, review
    from associations.support.models import Envelope, ReviewTeam, SupportRequest
    from solidarite.accounts.models import User
    from solidarite.places.models import Quartier

    year = timezone.localdate().year
    envelopes = {}
    for kind, theme, label, amount in ENVELOPES:
        envelope, _ = Envelope.objects.get_or_create(
            year=year, kind=kind, theme=theme, defaults={"label": f"{label} {year}", "amount": amount}
        )
        envelopes[(kind, theme)] = envelope

    password = "demo-responsable-soutiens-2026"  # noqa: S105 - printed demo account
    manager = demo_user(
        email="responsable-soutiens@solidarite.test",
        password=password,
        display_name="Farid (Épicerie solidaire)",
        quartier_slug="pont-rousseau",
    )
    association, _ = Association.objects.get_or_create(
        slug="epicerie-solidaire-pont-rousseau",
        defaults={
            "name": "Épicerie solidaire de Pont-Rousseau",
            "purpose": "Une épicerie à petits prix pour les familles aux revenus modestes, et des ateliers cuisine.",
            "rna": "W443012345",
            "city": "Rezé",
            "postal_code": "44400",
            "quartier": Quartier.objects.filter(slug="pont-rousseau").first(),
            "status": Association.Status.VERIFIED,
            "is_social_action": True,
        },
    )
    Membership.objects.get_or_create(association=association, user=manager, defaults={"role": Membership.Role.MANAGER})
    staff = User.objects.filter(email="agent@solidarite.test").first()

    def request(title, **fields):
        existing = SupportRequest.objects.filter(association=association, title=title).first()
        return existing or drafting.create_request(association=association, by=manager, title=title, **fields)

    request(
        "Ateliers cuisine anti-gaspillage",
        description="Six ateliers pour cuisiner les invendus, avec les familles de l'épicerie.",
        kind="material",
        in_kind_details="Deux plaques de cuisson et une vingtaine de chaises.",
        start_date=timezone.localdate().replace(month=12, day=1),
    )
    winter = request(
        "Colis de Noël pour 120 familles",
        description="Achat de denrées et de jouets pour les familles suivies, distribution le 20 décembre.",
        kind="money",
        theme="alimentation",
        amount_requested=Decimal("2400.00"),
        action_budget=Decimal("6000.00"),
        start_date=timezone.localdate().replace(month=12, day=20),
    )
    heating = request(
        "Bons d'énergie pour l'hiver",
        description="Aider 40 foyers à payer leurs factures de chauffage de janvier.",
        kind="money",
        amount_requested=Decimal("3000.00"),
        action_budget=Decimal("9000.00"),
        start_date=timezone.localdate(),
    )
    for item in (winter, heating):
        if item.state == SupportRequest.State.DRAFT:
            review.transition(support_request=item, name="submit", by=manager)
    if staff is not None:
        team, _ = ReviewTeam.objects.get_or_create(name="Vie associative")
        team.members.add(staff)
        winter.refresh_from_db()
        if winter.team_id is None and winter.state == SupportRequest.State.SUBMITTED:
            review.assign(support_request=winter, by=staff, team=team)
        heating.refresh_from_db()
        if heating.state == SupportRequest.State.SUBMITTED:
            review.transition(support_request=heating, name="start_review", by=staff)
            decisions.grant(
                support_request=heating,
                by=staff,
                envelope=envelopes[("money", "")],
                amount=Decimal("2500.00"),
                decision_reference=f"{year}-DEL-118",
                payment_start=timezone.localdate(),
                reason="Accordé à hauteur de 2 500 €, versement unique.",
            )
    return [
        DemoAccount(
            "association manager (support)",
            manager.email,
            password,
            gettext("/soutiens/ : suivre une demande de soutien exceptionnel"),
        )
    ]
