"""Digital equipment's figures for staff: requests, devices handed over and waiting time, by quartier and
by public. Aggregates only; a count under ``tables.SMALL_COUNT`` prints « < 5 » (and its waiting time
is not shown: with two households, a median is a person's own wait).
"""

from statistics import median

from django.utils.translation import gettext_lazy as _

from solidarite.dashboard.tables import SMALL_COUNT, Table, small
from solidarite.equipment.models import EquipmentRequest, Public

HANDED_OVER = EquipmentRequest.Status.HANDED_OVER


def _rows(period, group: str) -> dict:
    """group value -> [requests made, devices handed over, days waited by each of them]."""
    found: dict = {}
    asked = EquipmentRequest.objects.filter(created_at__gte=period.start, created_at__lt=period.end)
    for value in asked.values_list(group, flat=True):
        found.setdefault(value, [0, 0, []])[0] += 1
    served = EquipmentRequest.objects.filter(
        status=HANDED_OVER, closed_at__gte=period.start, closed_at__lt=period.end
    ).values_list(group, "created_at", "closed_at")
    for value, created, closed in served:
        entry = found.setdefault(value, [0, 0, []])
        entry[1] += 1
        entry[2].append((closed - created).total_seconds() / 86400)
    return found


def _table(slug, title, first, labels, found) -> Table:
    table = Table(
        slug,
        str(title),
        [str(first), str(_("Demandes")), str(_("Appareils remis")), str(_("Attente médiane (jours)"))],
        note=str(_("Attente : de la demande à la remise. Moins de 5 : « < 5 », et l'attente n'est pas montrée.")),
    )
    for key, label in labels:
        asked, served, waits = found.get(key, [0, 0, []])
        wait = round(median(waits)) if served >= SMALL_COUNT else "—"
        table.rows.append([str(label), small(asked), small(served), wait])
    return table


def by_quartier(period) -> Table:
    from solidarite.places.models import Quartier

    labels = [(q.pk, q.name) for q in Quartier.objects.order_by("name")] + [(None, _("Quartier non dit"))]
    return _table(
        "equipement-par-quartier",
        _("Équipement numérique par quartier"),
        _("Quartier"),
        labels,
        _rows(period, "quartier"),
    )


def by_public(period) -> Table:
    return _table(
        "equipement-par-public",
        _("Équipement numérique par public"),
        _("Public"),
        Public.choices,
        _rows(period, "public"),
    )


def tables(period) -> list[Table]:
    return [by_quartier(period), by_public(period)]
