"""Shop search, shared by the list page, the map, the API and the benchmark."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from taggit.models import TaggedItem

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
    """Current initiatives of listed shops in partnership with ``association`` (for its page)."""
    return Initiative.objects.current().filter(association=association).select_related("shop").order_by("shop__name")
