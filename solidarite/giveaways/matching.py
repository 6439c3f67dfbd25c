"""Gifts matched with wishes, live, by category and distance, on the help matcher's scale.

The prefilter is the help matcher's (``help.matching.ringed``: indexed status + category + a box that
grows in rings, each read capped), the score its ``blend``: near within the wisher's radius, the pickup
window left before the wish ends (its "time in common"), words shared between the gift and the wish
(« vélo », « poussette »), the freshness of the wish. The best ``MAX_MATCHES`` become ``GiftMatch`` rows
(unique gift × wish).
"""

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction
from django.utils import timezone

from solidarite.giveaways.models import Category, Gift, GiftMatch, Wish
from solidarite.help.matching import MAX_MATCHES, blend, format_distance, ringed
from solidarite.places.geo import Point, distance_km

_WORD = re.compile(r"[a-z]{4,}")


def words(text: str) -> set[str]:
    """The words of four letters or more, without accents: what a gift and a wish may share."""
    plain = unicodedata.normalize("NFKD", (text or "").lower()).encode("ascii", "ignore").decode()
    return set(_WORD.findall(plain))


@dataclass(frozen=True)
class Candidate:
    gift: Gift
    wish: "Wish | _WishRow"
    score: float
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class _WishRow:
    """What scoring reads of a wish. The hundred or so wishes near a gift are read as plain columns
    (help's matcher does the same with offers): model instances for all of them cost most of a match."""

    pk: int
    wisher_id: int
    what: str
    radius_km: float
    until: object
    created_at: object
    latitude: float
    longitude: float
    public_latitude: float
    public_longitude: float

    @property
    def point(self) -> Point:
        return Point(self.latitude, self.longitude)

    @property
    def public_point(self) -> Point:
        return Point(self.public_latitude, self.public_longitude)


_WISH_COLUMNS = [field.name for field in dataclasses.fields(_WishRow)]


def _score(gift: Gift, wish, *, now, gift_words: set, wish_words: set) -> Candidate | None:
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
    return Candidate(gift, wish, value)


def _explain(candidate: Candidate) -> Candidate:
    gift, wish = candidate.gift, candidate.wish
    # The distance said is between the public points: both sides read it.
    parts = [format_distance(distance_km(gift.public_point, wish.public_point)), Category(gift.category).label]
    common = sorted(words(gift.title) & words(wish.what))[:2]
    if common:
        parts.append(", ".join(common))
    return replace(candidate, explanation=" · ".join(str(part) for part in parts)[:200])


def _best(found) -> list[Candidate]:
    """Only the kept few are explained (their public distance and words in common)."""
    return [_explain(c) for c in sorted((c for c in found if c), key=lambda c: -c.score)[:MAX_MATCHES]]


def wishes_for(gift: Gift, *, now=None) -> list[Candidate]:
    """The open wishes this gift may serve, best first."""
    now = now or timezone.now()
    base = (
        Wish.objects.filter(status=Wish.Status.OPEN, category=gift.category, until__gt=now, wisher__isnull=False)
        .exclude(wisher_id=gift.giver_id)
        .values_list(*_WISH_COLUMNS)
    )
    gift_words = words(gift.title)
    return _best(
        _score(gift, wish, now=now, gift_words=gift_words, wish_words=words(wish.what))
        for wish in (_WishRow(*values) for values in ringed(base, gift.point))
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


def create_matches(candidates: list[Candidate], *, fresh: bool = False) -> list[GiftMatch]:
    """One INSERT for the new pairs; a pair made at the same moment by the other side's matching loses
    its batch to the unique constraint and falls back to one row at a time.

    ``fresh``: the gift or wish was created in this transaction, uncommitted, so no other transaction
    can have paired it: the INSERT needs no savepoint to fall back from (two round trips fewer)."""
    rows = [GiftMatch(gift=c.gift, wish_id=c.wish.pk, score=c.score, explanation=c.explanation) for c in candidates]
    if not rows:
        return []
    if fresh:
        return GiftMatch.objects.bulk_create(rows)
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
