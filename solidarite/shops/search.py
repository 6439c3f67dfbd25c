"""Shop search, shared by the list page, the map, the API and the benchmark."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone
from taggit.models import TaggedItem

from associations.directory.text import normalize, search_terms
from solidarite.shops.models import Initiative, Shop


def _tagged(name: str):
    """Ids of shops carrying a tag, as a subquery: no join, so no DISTINCT over the whole result."""
    return TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Shop), tag__name__iexact=name.strip()
    ).values("object_id")


def search(*, q="", kind="", tag="", quartier=None, open_now=False, initiative=False, at=None, base=None):
    """Listed shops matching the filters; constant number of queries whatever the result size."""
    qs = base if base is not None else Shop.objects.listed()
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(address__icontains=q) | Q(pk__in=_tagged(q))
        )
    if kind:
        qs = qs.filter(kind=kind)
    if tag:
        qs = qs.filter(pk__in=_tagged(tag))
    if quartier is not None:
        qs = qs.filter(quartier=quartier)
    if initiative:
        qs = qs.with_current_initiative()
    if open_now:
        qs = qs.open_at(at)
    return qs


def for_display(qs):
    """What a shop card shows, fetched up front: quartier, tags, current initiatives."""
    return qs.select_related("quartier").prefetch_related(
        "tags",
        Prefetch(
            "initiatives",
            queryset=Initiative.objects.current().select_related("association").order_by("starts_on"),
            to_attr="current_initiatives",
        ),
    )


def partner_initiatives(association):
    """Current and coming initiatives of listed shops in partnership with ``association`` (for its page)."""
    return (
        Initiative.objects.public()
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()), ended_at__isnull=True)
        .filter(association=association)
        .select_related("shop")
        .order_by("starts_on", "shop__name", "pk")
    )


def association_section(association) -> dict:
    """What an association's page shows of its partner shops (``shops/includes/association_partners.html``)."""
    return {"partner_initiatives": list(partner_initiatives(association))}


def agenda_days(first_day, last_day=None, *, q="", quartier=None) -> list[tuple[dt.date, int]]:
    """(day shown, id) of the initiatives on the town agenda between two days, sorted by day; one query.

    ``q`` matches like the agenda's search of actions (every word, accents and case ignored) on the title,
    description and shop name; the few rows of a period are matched here, so no search column is needed.
    ``quartier`` is the shop's (a Quartier or a slug).
    """
    qs = Initiative.objects.on_agenda(first_day, last_day)
    if quartier is not None:
        qs = qs.filter(shop__quartier__slug=getattr(quartier, "slug", quartier))
    terms = search_terms(q)
    text_fields = ["title", "description", "shop__name"] if terms else []
    return sorted(
        (max(starts_on, first_day), pk)
        for pk, starts_on, *text in qs.values_list("pk", "starts_on", *text_fields)
        if all(term in normalize(" ".join(text)) for term in terms)
    )
