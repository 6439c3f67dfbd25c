"""Telling people about a request: a notification and an e-mail to its association's managers,
or to who answers for the city. Each kind is declared once here (``notifications.kinds``)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext_noop

from associations.support.workflow import STAFF, SUPPORT
from solidarite.accounts.roles import is_city_staff
from solidarite.notifications import kinds
from solidarite.notifications.services import notify_many
from solidarite.workflow import Step

logger = logging.getLogger(__name__)

MANAGERS = "the association's managers (Association.managers_to_notify)"
CITY = "who answers for the city (city_contacts: the reviewer, else the team, else every staff member)"
STEP_TITLE = gettext_noop("Demande « %(title)s » : %(state)s")


def register() -> None:
    for step in SUPPORT:
        if step.name != "assign":  # told apart, to the new assignees
            kinds.register(
                f"support.{step.name}", title=STEP_TITLE, recipients=MANAGERS if STAFF in step.actors else CITY
            )
    kinds.register(
        "support.assigned",
        title=gettext_noop("Une demande de soutien vous est confiée : %(title)s"),
        recipients="the reviewer the request is entrusted to",
    )
    kinds.register(
        "support.assigned_team",
        title=gettext_noop("Une demande de soutien est confiée à l'équipe « %(team)s » : %(title)s"),
        recipients="the active members of the team the request is entrusted to",
    )
    kinds.register(
        "support.message",
        title=gettext_noop("Nouveau message sur la demande « %(title)s »"),
        recipients=MANAGERS + ", for the city's messages; " + CITY + ", for the association's",
    )
    kinds.register(
        "support.stale",
        title=gettext_noop("Sans réponse depuis %(days)s jours : %(title)s"),
        body=gettext_noop("L'association %(association)s attend une réponse de la ville."),
        recipients=CITY + ", once per waiting period",
    )


def announce(support_request, step: Step, by, reason: str):
    params = {"title": support_request.title, "state": support_request.get_state_display()}
    if STAFF in step.actors:
        tell_managers(support_request, f"support.{step.name}", params, reason)
    else:
        tell_city(support_request, f"support.{step.name}", params, reason)


def tell_managers(support_request, kind: str, params: dict, body: str = ""):
    tell(list(support_request.association.managers_to_notify()), support_request, kind, params, body)


def city_contacts(support_request) -> list:
    """Who answers for the city: the reviewer; else the team's members; else every staff member."""
    if support_request.reviewer_id and is_city_staff(support_request.reviewer):
        return [support_request.reviewer]
    if support_request.team_id:
        members = list(support_request.team.active_members())
        if members:
            return members
    return list(get_user_model().objects.city_staff_to_notify())


def tell_city(support_request, kind: str, params: dict, body: str = ""):
    tell(city_contacts(support_request), support_request, kind, params, body)


def tell(people, support_request, kind: str, params: dict, body: str = ""):
    url = support_request.get_absolute_url()
    payload = {"params": params, "body": body, "url": url, "data": {"request": support_request.pk}}
    notify_many([(person, kind, payload) for person in people])
    title, declared_body = kinds.render_now(kind, payload)  # the e-mail says what the notification says
    body = body if declared_body is None else declared_body
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
