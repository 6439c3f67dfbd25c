"""What the scheduled commands do each day: remind borrowers the day before the return day
(``send_loan_reminders``) and flag the loans not back once their period is over (``flag_late_loans``), warning
the borrower of the item's next booking.

Idempotent: a reminder is claimed by a conditional UPDATE of ``reminded_at`` in the transaction that writes
its notification, so two runs at once never remind twice; a late flag is a step (``out`` → ``late``) taken
under the loan's row lock, so it happens once. Loans booked but never picked up lapse at the end of their
period (``missed``): they held the item for nothing, and the figures count only handed-over loans.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from solidarite import intervals
from solidarite.lending import notices, roles
from solidarite.lending.models import Loan
from solidarite.lending.workflow import LOAN
from solidarite.notifications.services import notify_many

Status = Loan.Status


def reminders_due(now):
    """Loans out whose return day is tomorrow (Paris days), not reminded yet."""
    tomorrow = now.astimezone(intervals.PARIS).date() + dt.timedelta(days=1)
    # The period ends at midnight after the return day.
    end = dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time(), tzinfo=intervals.PARIS)
    return Loan.objects.filter(
        status=Status.OUT, end__gt=now, end__lte=end, reminded_at__isnull=True, borrower__isnull=False
    ).select_related("item__lender", "borrower")


def send_reminders(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    for loan in reminders_due(now):
        with transaction.atomic():
            if not Loan.objects.filter(pk=loan.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue  # another run claimed it
            notify_many([(loan.borrower, notices.REMINDER, notices.reminder(loan))])
        sent += 1
    return sent


def flag_late(*, now=None) -> dict[str, int]:
    """Loans out past their period become late (borrower and managers told, and the borrower of the item's next
    booking, live: their loan may not start on time); booked ones never picked up lapse."""
    now = now or timezone.now()
    late = lapsed = warned = 0
    for pk in Loan.objects.filter(status__in=(Status.OUT, Status.BOOKED), end__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            loan = Loan.objects.select_for_update(of=("self",)).select_related("item__lender", "borrower").get(pk=pk)
            if loan.status == Status.BOOKED:
                LOAN.move(loan, "lapse", by=None)
                lapsed += 1
                continue
            if loan.status != Status.OUT:
                continue
            LOAN.move(loan, "flag_late", by=None)
            tell = [
                (m, notices.LATE, notices.late(loan, for_owner=True))
                for m in roles.managers_to_notify(loan.item.lender)
            ]
            if loan.borrower_id:
                tell.append((loan.borrower, notices.LATE, notices.late(loan, for_owner=False)))
            following = next_loan(loan, now=now)
            if following is not None and following.borrower_id not in (None, loan.borrower_id):
                tell.append((following.borrower, notices.LATE_BEFORE_YOURS, notices.late_before_yours(loan, following)))
                warned += 1
            notify_many(tell)
            late += 1
    return {"late": late, "lapsed": lapsed, "warned": warned}


def next_loan(loan, *, now):
    """The booking of the same item that starts next after ``loan`` (periods never overlap: it starts at or
    after this one's end) and is not over, whose borrower waits for the item. Read once, when ``loan`` turns late: its
    borrower is warned once (the step out → late happens once, under the loan's row lock)."""
    return (
        Loan.objects.filter(item_id=loan.item_id, status=Status.BOOKED, start__gte=loan.end, end__gt=now)
        .select_related("borrower")
        .order_by("start", "pk")
        .first()
    )
