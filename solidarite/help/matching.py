"""Matching requests with offers: SQL prefilter, Python scoring, idempotent Match rows.

The prefilter is what keeps the cost proportional to the candidates near a post rather than to
the size of the tables: the box around the post grows in rings (a few hundred metres first) and
each ring query is capped, so a dense town stops at the first ring and a sparse one looks
further. Only then is the exact distance computed and scored.
"""

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Value
from django.db.models.constants import OnConflict
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite.compiled import Compiled
from solidarite.help.availability import availability_intervals, moment_label
from solidarite.help.models import HelpOffer, HelpRequest, Match, OfferCategory
from solidarite.places.geo import BoundingBox, Point, bounding_box, distance_km

logger = logging.getLogger(__name__)

MAX_MATCHES = 10  # per new post
MAX_RADIUS_KM = 30.0
RINGS_KM = (0.5, 1.5, 4.0, 10.0, MAX_RADIUS_KM)
RING_LIMIT = 50  # rows read per ring at most
FRESH_DAYS = 30

WEIGHTS = {"distance": 0.5, "overlap": 0.25, "tags": 0.15, "freshness": 0.1}


@dataclass(frozen=True)
class Candidate:
    request: HelpRequest
    offer: HelpOffer
    score: float
    explanation: str = ""


@dataclass(frozen=True)
class _Scored:
    value: float
    request: HelpRequest
    offer: "HelpOffer | _OfferRow"
    first_moment: object
    common_tags: tuple


@dataclass(frozen=True, slots=True)
class _OfferRow:
    """What scoring reads of an offer. The hundred or so offers near a request are read as plain
    columns: building model instances for all of them was most of the cost of a match. Only the
    few kept become HelpOffer objects."""

    pk: int
    latitude: float
    longitude: float
    radius_km: float
    weekly_slots: list
    available_from: date | None
    available_until: date | None
    created_at: datetime

    @property
    def point(self) -> Point:
        return Point(self.latitude, self.longitude)


_OFFER_COLUMNS = (
    "offer_id",
    "latitude",
    "longitude",
    "offer__radius_km",
    "offer__weekly_slots",
    "offer__available_from",
    "offer__available_until",
    "offer__created_at",
)


def format_distance(km: float) -> str:
    if km < 1:
        return _("à %(m)s m") % {"m": max(100, int(round(km * 10)) * 100)}
    return _("à %(km)s km") % {"km": f"{km:.1f}".replace(".", ",")}


def _score(request: HelpRequest, offer: "HelpOffer | _OfferRow", *, tags_r: set, tags_o: set, now) -> _Scored | None:
    distance = distance_km(request.point, offer.point)
    if distance > offer.radius_km:
        return None
    intervals = availability_intervals(offer, max(request.window_start, now), request.window_end)
    if not intervals:
        return None
    overlap_h = sum((b - a).total_seconds() for a, b in intervals) / 3600
    age_days = (now - offer.created_at).total_seconds() / 86400
    value = blend(
        distance_km=distance,
        radius_km=offer.radius_km,
        overlap_h=overlap_h,
        tags_a=tags_r,
        tags_b=tags_o,
        age_days=age_days,
    )
    return _Scored(value, request, offer, intervals[0][0], tuple(sorted(tags_r & tags_o)[:2]))


def blend(
    *, distance_km: float, radius_km: float, overlap_h: float, tags_a: set, tags_b: set, age_days: float
) -> float:
    """The matcher's score of a pair, from 0 to 1: near within the radius, time in common (2 h is
    plenty), tags shared, fresh. Also what the épicerie's surplus offers are ranked by
    (``grocery.surplus``), so one scale says what a good match is."""
    union = tags_a | tags_b
    value = (
        WEIGHTS["distance"] * (1 - distance_km / max(radius_km, 0.1))
        + WEIGHTS["overlap"] * min(1.0, overlap_h / 2)
        + WEIGHTS["tags"] * (len(tags_a & tags_b) / len(union) if union else 0.0)
        + WEIGHTS["freshness"] * max(0.0, 1 - age_days / FRESH_DAYS)
    )
    return round(value, 4)


def _explain(scored: _Scored) -> Candidate:
    request, offer = scored.request, scored.offer
    # The distance shown is between the public points: the explanation reaches both sides and
    # must not let anyone triangulate the other's exact point.
    shown = distance_km(request.public_point, offer.public_point)
    parts = [format_distance(shown), moment_label(scored.first_moment), request.category.name.lower()]
    if scored.common_tags:
        parts.append(", ".join(scored.common_tags))
    return Candidate(request, offer, scored.value, " · ".join(parts))


def score(request: HelpRequest, offer: HelpOffer, *, tags_r: set, tags_o: set, now) -> Candidate | None:
    """Score one pair, or None when the offer cannot serve the request."""
    scored = _score(request, offer, tags_r=tags_r, tags_o=tags_o, now=now)
    return _explain(scored) if scored else None


def _kept(scored) -> list[_Scored]:
    return sorted((s for s in scored if s), key=lambda s: -s.value)[:MAX_MATCHES]


def _best(scored) -> list[Candidate]:
    return [_explain(s) for s in _kept(scored)]


def ringed(base_qs, point, *, prefix=""):
    """Rows of ``base_qs`` in growing rings around ``point`` (also the giveaways matcher's prefilter).

    Each ring reads at most RING_LIMIT rows of the band between its box and the previous one, so
    the nearest rows are always kept, and the search stops at the first band that is full.
    """
    rows = []
    inner = None
    for km in RINGS_KM:
        box = bounding_box(point, km)
        qs = base_qs.filter(**box.as_filter(prefix))
        if inner is not None:
            qs = qs.exclude(**inner.as_filter(prefix))
        band = list(qs[:RING_LIMIT])
        rows.extend(band)
        if len(band) >= RING_LIMIT:
            break
        inner = box
    return rows


def rings_at_once(base_qs, p, *, prefix=""):
    """``ringed`` in one statement, for a ``values_list`` queryset built from placeholders ``p``
    (``compiled.Placeholders``): the rings' bands are the branches of one UNION ALL, each tagged with
    its ring and capped at RING_LIMIT rows; ``rows_of_rings`` drops the rows past the first full band,
    as ``ringed`` never reads them. One round trip instead of up to five; in a dense town the outer
    bands are read for nothing (each capped). Gating each band on the inner ones being full (``NOT
    EXISTS`` their 50th row) made PostgreSQL skip them, but compiling those ten subqueries cost the ORM
    12 ms of CPU per post, three times what it saved; this union, built and compiled on every post, cost
    ~9 ms of CPU, hence ``compiled.Compiled`` (measured on this code, docs/traps.md)."""
    bands = []
    inner = None
    for ring in range(len(RINGS_KM)):
        box = BoundingBox(*(p.float(f"ring{ring}_{edge}") for edge in ("min_lat", "max_lat", "min_lon", "max_lon")))
        band = base_qs.filter(**box.as_filter(prefix))
        if inner is not None:
            band = band.exclude(**inner.as_filter(prefix))
        bands.append(band)
        inner = box
    parts = []
    limit_on_branch = connections[p.alias].features.supports_slicing_ordering_in_compound
    for ring, band in enumerate(bands):
        if limit_on_branch:  # PostgreSQL: the LIMIT on the branch itself
            parts.append(band.annotate(ring=Value(ring)).order_by()[:RING_LIMIT])
        else:  # SQLite refuses a LIMIT on a branch of a UNION: the cap as ``pk IN (… LIMIT n)``
            capped = base_qs.order_by().filter(pk__in=band.order_by().values("pk")[:RING_LIMIT])
            parts.append(capped.annotate(ring=Value(ring)))
    return parts[0].union(*parts[1:], all=True)


def ring_values(point: Point) -> dict:
    """The placeholders' values of ``rings_at_once``'s boxes around ``point``."""
    values = {}
    for ring, km in enumerate(RINGS_KM):
        box = bounding_box(point, km)
        values.update(
            {
                f"ring{ring}_min_lat": box.min_lat,
                f"ring{ring}_max_lat": box.max_lat,
                f"ring{ring}_min_lon": box.min_lon,
                f"ring{ring}_max_lon": box.max_lon,
            }
        )
    return values


def rows_of_rings(rows) -> list[tuple]:
    """The rows of ``rings_at_once`` (each ending with its ring) up to the first full band, without the ring."""
    by_ring: dict[int, list] = {}
    for *values, ring in rows:
        by_ring.setdefault(ring, []).append(tuple(values))
    kept = []
    for ring in range(len(RINGS_KM)):
        band = by_ring.get(ring, [])
        kept.extend(band)
        if len(band) >= RING_LIMIT:
            break
    return kept


def _offers_near(p):
    """The offers a new request may match, in rings (compiled once: ``_OFFERS_NEAR``)."""
    base = (
        OfferCategory.objects.filter(
            category_id=p.int("category"),
            offer__status=HelpOffer.Status.OPEN,
            # An erased author's post is closed on erase; this is the second line of defence.
            offer__author__isnull=False,
        )
        .exclude(offer__author_id=p.int("author"))
        .exclude(offer__available_until__lt=p.date("first_day"))
        .exclude(offer__available_from__gt=p.date("last_day"))
        .values_list(*_OFFER_COLUMNS)
    )
    return rings_at_once(base, p)


_OFFERS_NEAR = Compiled(_offers_near)


def offers_for(request: HelpRequest, *, now=None, tag_names=None) -> list[Candidate]:
    """``tag_names``: the request's tags when the caller knows them (it just wrote them)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    found = _OFFERS_NEAR.rows(
        using=router.db_for_read(OfferCategory),
        category=request.category_id,
        author=request.author_id,
        first_day=max(today, timezone.localdate(request.window_start)),
        last_day=timezone.localdate(request.window_end),
        **ring_values(request.point),
    )
    rows = [_OfferRow(*values) for values in rows_of_rings(found)]
    tags_r = set(request.tags.names() if tag_names is None else tag_names)
    # A request without tags shares none with any offer (the tags' part of the score is then 0
    # whatever the offer's): their tags are not read.
    tag_map = _tags_of(HelpOffer, [row.pk for row in rows]) if tags_r else {}
    kept = _kept(_score(request, row, tags_r=tags_r, tags_o=tag_map.get(row.pk, set()), now=now) for row in rows)
    offers = HelpOffer.objects.select_related("author").in_bulk([s.offer.pk for s in kept])
    # An offer withdrawn meanwhile is simply not matched.
    return [_explain(replace(s, offer=offers[s.offer.pk])) for s in kept if s.offer.pk in offers]


def requests_for(offer: HelpOffer, *, now=None) -> list[Candidate]:
    now = now or timezone.now()
    category_ids = list(offer.offer_categories.values_list("category_id", flat=True))
    base = (
        HelpRequest.objects.filter(
            status=HelpRequest.Status.OPEN, category_id__in=category_ids, window_end__gt=now, author__isnull=False
        )
        .exclude(author_id=offer.author_id)
        .select_related("category")
    )
    if offer.available_until:
        base = base.exclude(window_start__date__gt=offer.available_until)
    requests = ringed(base, offer.point)
    tag_map = _tags_of(HelpRequest, [r.pk for r in requests])
    tags_o = set(offer.tags.names())
    return _best(_score(r, offer, tags_r=tag_map.get(r.pk, set()), tags_o=tags_o, now=now) for r in requests)


def _tags_of(model, ids) -> dict[int, set[str]]:
    from taggit.models import TaggedItem

    if not ids:
        return {}
    result: dict[int, set[str]] = {}
    rows = TaggedItem.objects.filter(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
        object_id__in=ids,
    ).values_list("object_id", "tag__name")
    for object_id, name in rows:
        result.setdefault(object_id, set()).add(name)
    return result


def match_new_request(help_request: HelpRequest, *, tag_names=None, alert=None) -> list[Match]:
    """The matching function for a new request: prefilter, score, Match rows (no notification).
    ``alert(offer)``: whether that offerer is alerted now (``offerer_alerted_at`` written with the row)."""
    # A request is matched once, when posted: no pair can exist before, except one made at the
    # same moment by a new offer's matching, which the unique constraint catches.
    return create_matches(offers_for(help_request, tag_names=tag_names), look_up_existing=False, alert=alert)


def match_new_offer(offer: HelpOffer, *, alert=None) -> list[Match]:
    # An offer is matched again when it reopens: most pairs may exist already.
    return create_matches(requests_for(offer), look_up_existing=True, alert=alert)


def create_matches(candidates: list[Candidate], *, look_up_existing: bool, alert=None) -> list[Match]:
    """Match rows for the candidates that have none yet (unique request × offer).

    One query finds the pairs already made (when some may be), one INSERT makes the rest. Two
    matchings may race for the same pair (an offer and a request posted at the same moment): the
    unique constraint decides, in that same INSERT (``ON CONFLICT DO NOTHING``): the pairs the
    other matching made first are left out of what it returns. ``alert(offer)`` says which rows
    are written with ``offerer_alerted_at`` (now), so no UPDATE follows.
    """
    if not candidates:
        return []
    fresh = candidates
    if look_up_existing:
        requests = {c.request.pk for c in candidates}
        offers = {c.offer.pk for c in candidates}
        existing = set(
            Match.objects.filter(request_id__in=requests, offer_id__in=offers).values_list("request_id", "offer_id")
        )
        fresh = [c for c in candidates if (c.request.pk, c.offer.pk) not in existing]
    now = timezone.now()
    rows = [
        Match(
            request=c.request,
            offer=c.offer,
            score=c.score,
            explanation=c.explanation[:200],
            offerer_alerted_at=now if alert is not None and alert(c.offer) else None,
        )
        for c in fresh
    ]
    return _insert_new(rows)


def _insert_new(rows: list[Match]) -> list[Match]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: the rows written, without the pairs that existed.

    One statement, where ``bulk_create`` in a savepoint (to survive the unique constraint's error
    inside the caller's transaction) took three, plus one per row when it did fail. Django's
    ``bulk_create(ignore_conflicts=True)`` does not say which rows it wrote (no ids), so this asks
    the queryset's own insert for them (the method ``bulk_create`` and ``save`` use)."""
    if not rows:
        return []
    opts = Match._meta
    fields = [f for f in opts.concrete_fields if not f.generated and not f.primary_key]
    returning = [opts.pk, opts.get_field("request"), opts.get_field("offer")]
    written = Match.objects._insert(rows, fields=fields, returning_fields=returning, on_conflict=OnConflict.IGNORE)
    ids = {(request_id, offer_id): pk for pk, request_id, offer_id in (r for r in written if r is not None)}
    made = []
    for row in rows:
        pk = ids.get((row.request_id, row.offer_id))
        if pk is None:
            logger.info("match %s x %s already made", row.request_id, row.offer_id)
            continue
        row.pk = pk
        row._state.adding, row._state.db = False, Match.objects.db
        made.append(row)
    return made


def create_match(candidate: Candidate, *, check_first: bool = True) -> Match | None:
    """The Match row for one candidate, or None when it already exists."""
    if check_first and Match.objects.filter(request=candidate.request, offer=candidate.offer).exists():
        return None
    try:
        with transaction.atomic():
            return Match.objects.create(
                request=candidate.request,
                offer=candidate.offer,
                score=candidate.score,
                explanation=candidate.explanation[:200],
            )
    except IntegrityError:
        logger.info("match %s x %s already made", candidate.request.pk, candidate.offer.pk)
        return None
