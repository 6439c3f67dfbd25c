from associations.support import demo
from associations.support.models import Envelope, SupportRequest
from solidarite.accounts import demo as accounts_demo


def test_the_demo_loads_twice_without_duplicates(db, mailoutbox):
    accounts_demo.load_people()
    demo.load_support()
    demo.load_support()
    assert Envelope.objects.count() == len(demo.ENVELOPES)
    assert SupportRequest.objects.count() == 3
    granted = SupportRequest.objects.get(state="granted")
    assert granted.grant.amount == 2500 and Envelope.objects.get(kind="money", theme="").granted == 2500
