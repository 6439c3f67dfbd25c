"""Retention of giveaways: six months after a gift or a wish ended, only the town's figures stay.

A gift given keeps its category, weight, month and quartier (the kg given by quartier and month), and
loses its giver, texts, photos, pickup details, private point and matches; any other ended gift, and every
ended wish, is deleted. Reports are deleted a year after their decision. Pending expiry runs first.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from solidarite.giveaways.models import Gift, GiftPhoto, GiftReport, Wish
from solidarite.help.models import Report

RETENTION = timedelta(days=183)
REPORT_RETENTION = timedelta(days=366)
ENDED_GIFTS = [Gift.Status.GIVEN, Gift.Status.WITHDRAWN, Gift.Status.EXPIRED, Gift.Status.HIDDEN]
ENDED_WISHES = [Wish.Status.FULFILLED, Wish.Status.CLOSED, Wish.Status.EXPIRED, Wish.Status.HIDDEN]


def anonymise(gifts) -> int:
    """Strip a given gift down to the figures (category, weight, when, quartier, public point)."""
    ids = list(gifts.values_list("pk", flat=True))
    if not ids:
        return 0
    for photo in GiftPhoto.objects.filter(gift_id__in=ids):
        name, storage = photo.file.name, photo.file.storage
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    GiftPhoto.objects.filter(gift_id__in=ids).delete()
    Gift.objects.filter(pk__in=ids).update(
        giver=None,
        title="",
        description="",
        pickup_details="",
        latitude=F("public_latitude"),
        longitude=F("public_longitude"),
    )
    from solidarite.giveaways.models import GiftMatch, GiftTransition

    GiftMatch.objects.filter(gift_id__in=ids).delete()
    GiftTransition.objects.filter(gift_id__in=ids).update(by=None, reason="")
    return len(ids)


def purge(*, now=None) -> dict[str, int]:
    from solidarite.giveaways.services import expire_due

    now = now or timezone.now()
    expired = expire_due(now=now)
    before = now - RETENTION
    with transaction.atomic():
        old = Gift.objects.filter(status__in=ENDED_GIFTS, updated_at__lt=before)
        anonymised = anonymise(old.filter(status=Gift.Status.GIVEN).exclude(giver=None, description=""))
        gifts = old.exclude(status=Gift.Status.GIVEN).delete()[1].get("giveaways.Gift", 0)
        wishes = (
            Wish.objects.filter(status__in=ENDED_WISHES, updated_at__lt=before).delete()[1].get("giveaways.Wish", 0)
        )
        reports = (
            GiftReport.objects.exclude(status=Report.Status.OPEN)
            .filter(resolved_at__lt=now - REPORT_RETENTION)
            .delete()[1]
            .get("giveaways.GiftReport", 0)
        )
    return {
        "expired_gifts": expired["gifts"],
        "expired_wishes": expired["wishes"],
        "gifts_anonymised": anonymised,
        "gifts_deleted": gifts,
        "wishes_deleted": wishes,
        "reports_deleted": reports,
    }
