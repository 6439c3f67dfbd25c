"""Gifts matched with wishes, live, by category and distance, on the help matcher's scale.

The prefilter is the help matcher's (``help.matching.ringed``: indexed status + category + a box that
grows in rings, each read capped), the score its ``blend``: near within the wisher's radius, the pickup
window left before the wish ends (its "time in common"), words shared between the gift and the wish
(« vélo », « poussette »), the freshness of the wish. The best ``MAX_MATCHES`` become ``GiftMatch`` rows
(unique gift × wish).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from solidarite.giveaways.models import Gift, GiftMatch, Wish
from solidarite.help.matching import MAX_MATCHES, blend, format_distance, ringed
from solidarite.places.geo import distance_km

_WORD = re.compile(r"[a-z]{4,}")


def words(text: str) -> set[str]:
    """The words of four letters or more, without accents: what a gift and a wish may share."""
    plain = unicodedata.normalize("NFKD", (text or "").lower()).encode("ascii", "ignore").decode()
    return set(_WORD.findall(plain))


@dataclass(frozen=True)
class Candidate:
    gift: Gift
    wish: Wish
    score: float
    explanation: str


def _score(gift: Gift, wish: Wish, *, now, gift_words: set, wish_words: set) -> Candidate | None:
    distance = distance_km(gift.point, wish.point)
    if distance > wish.radius_km:
        return None
    start, end = max(now, gift.pickup_from), min(gift.pickup_until, wish.until)
    if end <= start:
        return None
    value = blend(
        distance_km=distance,
        radius_km=wish.radius_km,
        overlap_h=(end - start).total_seconds() / 3600,
        tags_a=gift_words,
        tags_b=wish_words,
        age_days=(now - wish.created_at).total_seconds() / 86400,
    )
    # The distance said is between the public points: both sides read it.
    parts = [format_distance(distance_km(gift.public_point, wish.public_point)), gift.get_category_display()]
    common = sorted(gift_words & wish_words)[:2]
    if common:
        parts.append(", ".join(common))
    return Candidate(gift, wish, value, " · ".join(parts)[:200])


def _best(found) -> list[Candidate]:
    return sorted((c for c in found if c), key=lambda c: -c.score)[:MAX_MATCHES]


def wishes_for(gift: Gift, *, now=None) -> list[Candidate]:
    """The open wishes this gift may serve, best first."""
    now = now or timezone.now()
    base = (
        Wish.objects.filter(status=Wish.Status.OPEN, category=gift.category, until__gt=now, wisher__isnull=False)
        .exclude(wisher_id=gift.giver_id)
        .only(
            "pk",
            "wisher_id",
            "what",
            "radius_km",
            "until",
            "created_at",
            "latitude",
            "longitude",
            "public_latitude",
            "public_longitude",
            "category",
            "status",
        )
    )
    gift_words = words(gift.title)
    return _best(
        _score(gift, wish, now=now, gift_words=gift_words, wish_words=words(wish.what))
        for wish in ringed(base, gift.point)
    )


def gifts_for(wish: Wish, *, now=None) -> list[Candidate]:
    """The gifts on offer this wish may take, best first."""
    now = now or timezone.now()
    base = Gift.objects.public().filter(category=wish.category).exclude(giver_id=wish.wisher_id)
    wish_words = words(wish.what)
    return _best(
        _score(gift, wish, now=now, gift_words=words(gift.title), wish_words=wish_words)
        for gift in ringed(base, wish.point)
    )


def create_matches(candidates: list[Candidate]) -> list[GiftMatch]:
    """One INSERT for the new pairs; a pair made at the same moment by the other side's matching loses
    its batch to the unique constraint and falls back to one row at a time."""
    rows = [GiftMatch(gift=c.gift, wish=c.wish, score=c.score, explanation=c.explanation) for c in candidates]
    if not rows:
        return []
    try:
        with transaction.atomic():
            return GiftMatch.objects.bulk_create(rows)
    except IntegrityError:
        made = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save()
                made.append(row)
            except IntegrityError:
                continue
        return made
