"""The Open Repair Data Standard (v0.3) CSV of the town's repair cafés: one row per repair attempt.

Only objects whose outcome is recorded; no person (the problem text is refused when it holds an
e-mail or a phone number). ``group_identifier`` is the organising association's slug, ``data_provider``
« Solidarité » and the town's name.
"""

import csv
import io

from django.conf import settings
from django.utils import timezone

from solidarite.repairs import ords
from solidarite.repairs.models import RepairRecord


def rows(queryset=None):
    queryset = queryset if queryset is not None else RepairRecord.objects.exportable()
    provider = f"Solidarité {settings.TOWN_NAME}"
    for record in queryset.select_related("action__association").order_by("event_date", "pk").iterator():
        yield {
            "id": record.ords_id,
            "data_provider": provider,
            "country": ords.COUNTRY,
            "partner_product_category": str(record.get_product_category_display()),
            "product_category": ords.CATEGORY_TEXT[record.product_category],
            "product_category_id": record.product_category,
            "brand": record.brand or "Unknown",
            "year_of_manufacture": "",
            "product_age": "" if record.product_age is None else f"{record.product_age.normalize():f}",
            "repair_status": ords.STATUS_TEXT[record.repair_status],
            "repair_barrier_if_end_of_life": ords.BARRIER_TEXT.get(record.repair_barrier, ""),
            "group_identifier": record.action.association.slug,
            "event_date": record.event_date.isoformat(),
            "problem": record.problem,
            "record_date": timezone.localdate(record.updated_at).isoformat(),
        }


def ords_csv(queryset=None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ords.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(queryset))
    return out.getvalue()
