"""French wall-clock wording for slots ("mardi 3 mars 2026, de 14 h à 16 h 30"), always in Europe/Paris."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from associations.rooms.models import PARIS


def local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(PARIS)


def hour(value: dt.datetime) -> str:
    value = local(value)
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def day(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return date_format(value, "l j F Y")


def slot(start: dt.datetime, end: dt.datetime) -> str:
    return _("%(day)s, de %(start)s à %(end)s") % {"day": day(start), "start": hour(start), "end": hour(end)}
