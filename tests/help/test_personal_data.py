import pytest

from solidarite.accounts import personal_data
from solidarite.accounts.services import erase_account
from solidarite.help import conversations, reporting
from solidarite.help.models import HelpOffer, HelpRequest, Match, Message, Report
from tests.help.factories import HOME, make_request

pytestmark = pytest.mark.django_db


def test_every_help_model_pointing_to_a_person_is_covered():
    covered = personal_data.covered_models()
    assert {HelpRequest, HelpOffer, Message, Report} <= covered


def test_the_export_holds_posts_with_their_exact_point_and_messages(accepted, requester):
    conversations.send_message(match=accepted, by=requester, body="Bonjour !")
    data = personal_data.export_personal_data(requester)["entraide"]
    assert data["demandes"][0]["latitude"] == HOME.lat
    assert data["messages"][0]["body"] == "Bonjour !"
    assert data["mises_en_relation"][0]["status"] == "accepted"


def test_erasing_keeps_the_helpers_conversation_but_nothing_of_the_person(accepted, requester, offerer, third):
    conversations.send_message(match=accepted, by=requester, body="Mon code d'entrée est 1234")
    conversations.send_message(match=accepted, by=offerer, body="Bien noté")
    make_request(requester, slug="jardinage")  # unmatched: simply deleted
    reporting.report(by=requester, target=make_request(third, slug="jardinage"), reason="spam", details="Pub")
    erase_account(user=requester)
    kept = HelpRequest.objects.get(matches__isnull=False)
    assert kept.author is None and kept.point == kept.public_point and "étagère" not in kept.description
    assert HelpRequest.objects.filter(category__slug="jardinage").count() == 1  # the third's
    bodies = list(Message.objects.order_by("id").values_list("author", "body"))
    assert bodies[0][0] is None and "1234" not in bodies[0][1]
    assert bodies[1] == (offerer.pk, "Bien noté")
    assert Match.objects.get().status == "accepted"
    assert Report.objects.get().reporter is None
