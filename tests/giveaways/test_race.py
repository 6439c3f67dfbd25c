"""Ten wishers accept one gift at the same moment, on real, separate connections: exactly one gets it."""

import pytest

from solidarite.giveaways import services
from solidarite.giveaways.models import Gift, GiftMatch
from tests import concurrency
from tests.factories import UserFactory
from tests.giveaways.factories import make_gift, make_wish

WISHERS = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_simultaneous_acceptances_promise_the_gift_once():
    wishers = [UserFactory() for _ in range(WISHERS)]
    for wisher in wishers:
        make_wish(wisher)
    gift = make_gift(UserFactory())
    matches = list(GiftMatch.objects.filter(gift=gift).select_related("wish", "gift"))
    assert len(matches) == WISHERS

    def accept(match):
        return lambda: services.answer_match(by=match.wish.wisher, match=match, step="accept")

    outcomes = concurrency.described(
        concurrency.race([accept(m) for m in matches]), refusal=services.GiftError, ok="ok"
    )
    assert outcomes.count("ok") == 1, outcomes
    assert all("déjà trouvé preneur" in o for o in outcomes if o != "ok"), outcomes
    assert GiftMatch.objects.filter(gift=gift, status="accepted").count() == 1
    assert Gift.objects.get(pk=gift.pk).status == "promised"
