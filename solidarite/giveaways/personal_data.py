"""What giveaways hold about a person (RGPD), for export and erase.

Erasing a person ends what they had running: their gifts on offer or promised are withdrawn (the promised
wisher is told and their wish reopens), their open wishes end, and what was only theirs is deleted. A gift
already given stays, without its giver, description, photos, pickup details or private point: its weight,
month and quartier are the town's figures. Reports they made or decided lose their name.
"""

from solidarite.accounts.personal_data import PersonalDataHandler


def export(user):
    from solidarite.giveaways.models import Gift, GiftMatch, GiftReport, Wish

    def place(post):
        return {"quartier": post.quartier.name, "latitude": post.latitude, "longitude": post.longitude}

    return {
        "dons": [
            {
                "id": g.pk,
                "objet": g.title,
                "description": g.description,
                "categorie": g.category,
                "etat_objet": g.condition,
                "retrait_du": g.pickup_from,
                "retrait_au": g.pickup_until,
                "consignes_de_retrait": g.pickup_details,
                "etat": g.status,
                "poids_kg": g.weight_kg,
                "donne_le": g.given_at,
                "photos": [p.alt_text for p in g.photos.all()],
                "propose_le": g.created_at,
                **place(g),
            }
            for g in Gift.objects.filter(giver=user).select_related("quartier").prefetch_related("photos")
        ],
        "souhaits": [
            {
                "id": w.pk,
                "categorie": w.category,
                "recherche": w.what,
                "rayon_km": w.radius_km,
                "jusqu_au": w.until,
                "etat": w.status,
                "publie_le": w.created_at,
                **place(w),
            }
            for w in Wish.objects.filter(wisher=user).select_related("quartier")
        ],
        "mises_en_relation": [
            {"don": m.gift_id, "souhait": m.wish_id, "etat": m.status, "le": m.created_at}
            for m in GiftMatch.objects.involving(user)
        ],
        "signalements": [
            {"motif": r.reason, "precisions": r.details, "etat": r.status, "le": r.created_at}
            for r in GiftReport.objects.filter(reporter=user)
        ],
    }


def erase(user):
    from solidarite.giveaways import retention
    from solidarite.giveaways.models import Gift, GiftMatchTransition, GiftReport, GiftTransition, Wish
    from solidarite.giveaways.services import end_for_erasure

    end_for_erasure(user)
    given = Gift.objects.filter(giver=user, status=Gift.Status.GIVEN)
    retention.anonymise(given)
    Gift.objects.filter(giver=user).exclude(status=Gift.Status.GIVEN).delete()
    Wish.objects.filter(wisher=user).delete()
    GiftReport.objects.filter(reporter=user).update(reporter=None)
    GiftReport.objects.filter(resolved_by=user).update(resolved_by=None)
    GiftTransition.objects.filter(by=user).update(by=None)
    GiftMatchTransition.objects.filter(by=user).update(by=None)


def handler() -> PersonalDataHandler:
    from solidarite.giveaways.models import (
        Gift,
        GiftMatch,
        GiftMatchTransition,
        GiftPhoto,
        GiftReport,
        GiftTransition,
        Wish,
    )

    return PersonalDataHandler(
        label="dons_entre_voisins",
        models=(Gift, Wish, GiftMatch, GiftPhoto, GiftReport, GiftTransition, GiftMatchTransition),
        export=export,
        erase=erase,
        order=40,
    )
