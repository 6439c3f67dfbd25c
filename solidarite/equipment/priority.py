"""The town's priority rules, written once: the allocation orders by them, the public page reads them.

A new device goes to the waiting request, among those it suits (a tablet to those who want a tablet
or either; a computer to those who want a computer or either), whose public comes first in ``RULES``;
between requests of one public, to the one waiting longest.
"""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from solidarite.equipment.models import Public

# In order: who comes first. Changing the town's policy is changing this list (and nothing else).
RULES = (
    (Public.PUPIL, _("Les foyers où vit un·e élève (collège, lycée) passent en premier.")),
    (Public.SENIOR_ALONE, _("Puis les personnes de 60 ans ou plus qui vivent seules.")),
    (Public.SENIOR, _("Puis les autres personnes de 60 ans ou plus.")),
    (Public.JOB_SEEKER, _("Puis les personnes en recherche d'emploi.")),
)
THEN = _("Entre deux demandes du même groupe, la plus ancienne passe d'abord.")


def rank(public: str) -> int:
    return next(i for i, (code, _text) in enumerate(RULES) if code == public)


def rank_expression():
    """The rank as SQL, for ordering the waiting list in the database."""
    return Case(
        *(When(public=code, then=Value(i)) for i, (code, _text) in enumerate(RULES)),
        default=Value(len(RULES)),
        output_field=IntegerField(),
    )


def ordered(queryset):
    """``queryset`` of requests in the order the rules give them a device."""
    return queryset.annotate(priority=rank_expression()).order_by("priority", "created_at", "pk")


def first_in_line(queryset):
    """The pk of the request the rules serve first in ``queryset``, or None.

    One query per public, in the rules' order, each reading the (status, public, created_at) index from
    its start: at 10,000 requests this costs a few index probes, where sorting the whole waiting list by
    the ``Case`` rank costs a scan and a sort (bench/digital.py)."""
    for code, _text in RULES:
        found = queryset.filter(public=code).order_by("created_at", "pk").values_list("pk", flat=True).first()
        if found is not None:
            return found
    return None
