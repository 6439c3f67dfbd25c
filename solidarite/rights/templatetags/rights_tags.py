from django import template
from django.db.models import Q

from solidarite.rights.vocabulary import THEMATIQUE_LABELS

register = template.Library()

HOME_PLACES = 6


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def theme_label(code: str) -> str:
    return str(THEMATIQUE_LABELS.get(code, code))


@register.inclusion_tag("rights/includes/home_places.html", takes_context=True)
def home_places(context):
    """The home page's promise of help by phone or at a desk: the points d'accueil that answer the phone."""
    from solidarite.rights.models import Place

    places = list(
        Place.objects.published()
        .exclude(Q(phone="") & Q(opening_hours=""))
        .select_related("quartier")
        .order_by("kind", "name")[:HOME_PLACES]
    )
    return {
        "places": places,
        "statuses": {place.pk: place.hours_status() for place in places},
        "more": Place.objects.published().count() > len(places),
    }


@register.filter
def revision_label(action: str) -> str:
    from django.utils.translation import gettext as _

    labels = {"created": _("création"), "updated": _("modification"), "reviewed": _("vérifiée sur la source")}
    return labels.get(action, action)


@register.inclusion_tag("rights/includes/for_help_request.html")
def rights_for_help(help_request, user=None):
    """On a help request about paperwork or digital help: the guide's aids and the next permanences nearby,
    and for a mediator of its mandate's structure, booking for the person (``help_links.handoff``)."""
    from solidarite.rights.help_links import for_help_request

    return for_help_request(help_request, user)
