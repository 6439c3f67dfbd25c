"""What the shops app holds about a person: export and erase (RGPD).

A shop is a public business listing, not the shopkeeper's private data: on erase it stays, without
its owner (it becomes claimable again); the person's claims go; the logs and initiatives they wrote
keep their text but lose the author.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent

    return {
        "commerces_geres": list(
            Shop.objects.filter(owner=user)
            .order_by("id")
            .values("id", "name", "slug", "siret", "status", "verified_at")
        ),
        "commerces_crees": list(Shop.objects.filter(created_by=user).order_by("id").values("id", "name", "slug")),
        "demandes_de_gestion": list(
            ShopClaim.objects.filter(user=user)
            .order_by("id")
            .values("id", "shop__name", "siret", "message", "status", "decision_note", "created_at", "decided_at")
        ),
        "decisions_prises": list(
            ShopClaim.objects.filter(decided_by=user).order_by("id").values("id", "shop__name", "status", "decided_at")
        ),
        "historique": list(
            ShopEvent.objects.filter(actor=user).order_by("id").values("shop__name", "action", "note", "at")
        ),
        "initiatives_publiees": list(
            Initiative.objects.filter(created_by=user)
            .order_by("id")
            .values("id", "shop__name", "title", "starts_on", "ends_on", "ended_at")
        ),
    }


def erase(user):
    from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent

    ShopClaim.objects.filter(user=user).delete()
    ShopClaim.objects.filter(decided_by=user).update(decided_by=None)
    Shop.objects.filter(owner=user).update(owner=None)
    Shop.objects.filter(created_by=user).update(created_by=None)
    ShopEvent.objects.filter(actor=user).update(actor=None)
    Initiative.objects.filter(created_by=user).update(created_by=None)


def handler() -> PersonalDataHandler:
    from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent

    return PersonalDataHandler(
        label="commerces", models=(Shop, ShopClaim, ShopEvent, Initiative), export=export, erase=erase, order=50
    )
