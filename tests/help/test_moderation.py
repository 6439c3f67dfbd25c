import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from solidarite.help import conversations, reporting
from solidarite.help.models import HelpRequest, Message, Report
from solidarite.notifications.models import Notification
from tests.help.factories import make_request

pytestmark = pytest.mark.django_db


def test_staff_hide_a_reported_post_and_its_author_is_told(requester, third, staff):
    post = make_request(requester)
    report = reporting.report(by=third, target=post, reason="spam")
    reporting.moderate(report=report, by=staff, action="hide", note="Annonce commerciale.")
    assert HelpRequest.objects.get().status == "hidden"
    assert Report.objects.get().status == "hidden"
    assert Notification.objects.get(user=requester, kind="help.post_hidden").body == "Annonce commerciale."
    assert not HelpRequest.objects.public().exists()


def test_staff_suspend_the_author_of_a_message(accepted, requester, offerer, staff):
    message = conversations.send_message(match=accepted, by=offerer, body="Propos injurieux")
    report = reporting.report(by=requester, target=message, reason="abuse")
    with pytest.raises(ValidationError):
        reporting.moderate(report=report, by=staff, action="suspend")  # a reason is required
    reporting.moderate(report=report, by=staff, action="suspend", note="Insultes.")
    offerer.refresh_from_db()
    assert offerer.is_suspended and Message.objects.get().hidden
    with pytest.raises(PermissionDenied):
        make_request(offerer)


def test_only_staff_moderate(requester, third):
    report = reporting.report(by=third, target=make_request(requester), reason="spam")
    with pytest.raises(PermissionDenied):
        reporting.moderate(report=report, by=third, action="hide")
    assert HelpRequest.objects.get().status == "open"


def test_a_report_needs_a_known_reason(requester, third):
    with pytest.raises(ValidationError):
        reporting.report(by=third, target=make_request(requester), reason="je-sais-pas")
    assert not Report.objects.exists()
