"""A resident's repair café calendar (iCalendar, RFC 5545): the upcoming sessions they follow.

Times through ``solidarite.ical`` (Europe/Paris with its VTIMEZONE, UTC in the repeated autumn hour),
like the rooms' and the agenda's feeds. One VEVENT per session, so a session's UID is stable
(``repair-<action>-<date>``) whatever the series around it does.
"""

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarite import ical


def build(sessions) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Solidarite//Repair cafes//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Mes repair cafés"))
    for session in sessions:
        action = session.action
        event = icalendar.Event()
        event.add("uid", f"repair-{action.pk}-{session.day.isoformat()}@solidarite")
        event.add("dtstamp", action.updated_at)
        ical.add_times(event, session.start, session.end)
        event.add("summary", _("Repair café : %(title)s") % {"title": action.title})
        where = ", ".join(part for part in (action.place_name, action.address) if part)
        if where:
            event.add("location", where)
        event.add("description", action.association.name)
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    ical.add_timezone(cal, default_year=timezone.localdate().year)
    return cal.to_ical()
