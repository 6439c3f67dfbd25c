"""RSS and Atom feeds of the shops' current and upcoming solidarity initiatives."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from solidarite.shops.models import Initiative

FEED_SIZE = 50


class InitiativesFeed(Feed):
    title = _("Initiatives solidaires des commerces")
    link = reverse_lazy("shops:initiatives")
    description = _("Paniers suspendus, points de collecte, remises solidaires, repair cafés… chez les commerçants.")

    def items(self):
        today = timezone.localdate()
        return (
            Initiative.objects.public()
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), ended_at__isnull=True)
            .select_related("shop", "association")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.title} — {item.shop.name}"

    def item_description(self, item):
        # Plain text typed by a shopkeeper: escaped here, since feed readers take the description as HTML.
        return escape(" · ".join(item.summary_parts()))

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class InitiativesAtomFeed(InitiativesFeed):
    feed_type = Atom1Feed
    subtitle = InitiativesFeed.description
