"""Retention of the library of things' data about people.

- A loan keeps its borrower while it runs and 12 months after it ended (returned, cancelled, missed): the
  lender may need to reach them about damage or a deposit. Then the borrower is removed from it and the
  notes of its handovers are cleared; the item, the dates, the condition, the weight and the quartier stay
  (the figures of kg lent by quartier and month).
- A place on a waiting list ends 30 days after its person was told the item is back, and at the latest
  6 months after joining.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from solidarite.lending.models import Handover, Loan, WaitEntry

LOAN_HISTORY = dt.timedelta(days=366)
TOLD_WAIT = dt.timedelta(days=30)
LONGEST_WAIT = dt.timedelta(days=183)
ENDED = (Loan.Status.RETURNED, Loan.Status.CANCELLED, Loan.Status.MISSED)


def purge(*, now=None) -> dict[str, int]:
    now = now or timezone.now()
    with transaction.atomic():
        old = Loan.objects.filter(status__in=ENDED, end__lt=now - LOAN_HISTORY, borrower__isnull=False)
        ids = list(old.values_list("pk", flat=True))
        Handover.objects.filter(loan_id__in=ids).exclude(note="").update(note="")
        loans = Loan.objects.filter(pk__in=ids).update(borrower=None)
        waits = WaitEntry.objects.filter(
            Q(notified_at__lt=now - TOLD_WAIT) | Q(created_at__lt=now - LONGEST_WAIT)
        ).delete()[0]
    return {"loans_anonymised": loans, "waits_deleted": waits}
