"""The anonymous tally of estimates computed (``EstimateTally``): what the non-take-up figures count.

Only the month and, for each aid the result page can show, whether it was found likely payable. Nothing
about who asked: no user, no session, no answer, no amount, no day. The quartier is not kept either: the
questionnaire asks the commune (OpenFisca needs it), not the quartier, and asking it only to count would
collect more than the estimate needs.
"""

import datetime as dt

from django.db import transaction
from django.db.models import F

from solidarite.estimate import results
from solidarite.estimate.models import EstimateTally


def aid_codes() -> list[str]:
    """One code per line of the result page, as claims name their aid (Claim.aid_code)."""
    return [shown.codes[0] for shown in results.SHOWN]


def found_codes(amounts: dict[str, float]) -> list[str]:
    return [s.codes[0] for s in results.SHOWN if sum(amounts.get(code, 0) for code in s.codes) > 0]


def count(amounts: dict[str, float], month: str) -> None:
    """Add one estimate of ``month`` ("YYYY-MM"), and one « found » to each aid likely payable.

    Three queries whatever the number of aids; concurrent estimates never lose a count (the rows are
    created if missing, ignoring the conflict, then incremented in the database)."""
    first = dt.date(int(month[:4]), int(month[5:7]), 1)
    codes, found = aid_codes(), found_codes(amounts)
    rows = EstimateTally.objects.filter(month=first)
    with transaction.atomic():
        EstimateTally.objects.bulk_create(
            [EstimateTally(month=first, aid_code=code) for code in codes], ignore_conflicts=True
        )
        rows.filter(aid_code__in=codes).update(estimates=F("estimates") + 1)
        if found:
            rows.filter(aid_code__in=found).update(found=F("found") + 1)
