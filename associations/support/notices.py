"""Telling people about a request: a notification and an e-mail to its association's managers,
or to who answers for the city."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from associations.support.workflow import (
    STAFF,
)
from solidarite.accounts.roles import is_city_staff
from solidarite.notifications.services import notify
from solidarite.workflow import Step

logger = logging.getLogger(__name__)


def announce(support_request, step: Step, by, reason: str):
    state = support_request.get_state_display()
    title = _("Demande « %(title)s » : %(state)s") % {"title": support_request.title, "state": state}
    if STAFF in step.actors:
        tell_managers(support_request, f"support.{step.name}", title, reason)
    else:
        tell_city(support_request, f"support.{step.name}", title, reason)


def tell_managers(support_request, kind: str, title: str, body: str = ""):
    tell(list(support_request.association.managers_to_notify()), support_request, kind, title, body)


def city_contacts(support_request) -> list:
    """Who answers for the city: the reviewer; else the team's members; else every staff member."""
    if support_request.reviewer_id and is_city_staff(support_request.reviewer):
        return [support_request.reviewer]
    if support_request.team_id:
        members = list(support_request.team.active_members())
        if members:
            return members
    return list(get_user_model().objects.city_staff_to_notify())


def tell_city(support_request, kind: str, title: str, body: str = ""):
    tell(city_contacts(support_request), support_request, kind, title, body)


def tell(people, support_request, kind: str, title: str, body: str):
    url = support_request.get_absolute_url()
    for person in people:
        notify(person, kind, {"title": title, "body": body, "url": url, "data": {"request": support_request.pk}})
    recipients = [person.email for person in people if person.email]
    if recipients:
        text = f"{title}\n\n{body}\n\n{settings.SITE_URL}{url}".strip()
        transaction.on_commit(lambda: _send(title, text, recipients))


def _send(subject: str, text: str, recipients: list[str]):
    # One e-mail per person: nobody learns the others' addresses.
    try:
        send_mass_mail([(subject[:150], text, None, [recipient]) for recipient in recipients])
    except Exception:  # the decision is saved; a mail server hiccup must not undo it
        logger.exception("support: could not send the e-mail %r", subject)
