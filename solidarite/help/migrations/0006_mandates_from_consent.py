"""Requests a mediator posted for a resident before mandates get one (issue 15).

The old record was a name, a phone and a consent box (when, by whom). Each (structure, resident) of
those requests becomes one mandate of the mediator's structure, scope « help requests », consent
« recorded before mandates » (how was never written), from the first consent to a month after the
last request's window (the old retention), never more than 12 months. Past that day it is created
expired, its own copy of the name and phone purged (the requests keep theirs until their own
retention). A mediator in no social-action structure has no grant, so their requests stay as they
were: their details go by the old retention (``help.retention``).
"""

import datetime as dt

from django.db import migrations
from django.utils import timezone

GRACE = dt.timedelta(days=30)


def _latest_end(day: dt.date) -> dt.date:
    try:
        anniversary = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        anniversary = day.replace(year=day.year + 1, day=28)
    return anniversary - dt.timedelta(days=1)


def forwards(apps, schema_editor):
    HelpRequest = apps.get_model("help", "HelpRequest")
    MediatorGrant = apps.get_model("rights", "MediatorGrant")
    Mandate = apps.get_model("rights", "Mandate")
    MandateLog = apps.get_model("rights", "MandateLog")
    MandateAct = apps.get_model("rights", "MandateAct")
    now = timezone.now()
    today = timezone.localdate(now)
    groups: dict[tuple, list] = {}
    rows = HelpRequest.objects.filter(mandate__isnull=True, author__isnull=False).exclude(resident_name="")
    for post in rows.order_by("created_at", "pk"):
        grant = MediatorGrant.objects.filter(user_id=post.author_id).order_by("association__name", "pk").first()
        if grant is None:
            continue
        groups.setdefault((grant.association_id, post.resident_name, post.resident_phone), []).append(post)
    for (structure_id, name, phone), posts in groups.items():
        first = posts[0]
        starts_on = timezone.localdate(first.consent_recorded_at or first.created_at)
        last_window = max(post.window_end for post in posts)
        ends_on = min(_latest_end(starts_on), max(starts_on, timezone.localdate(last_window + GRACE)))
        active = ends_on >= today
        mandate = Mandate.objects.create(
            structure_id=structure_id,
            resident_name=name if active else "",
            resident_phone=phone if active else "",
            scope_help_requests=True,
            consent_method="legacy",
            recorded_by_id=first.consent_recorded_by_id or first.author_id,
            starts_on=starts_on,
            ends_on=ends_on,
            status="active" if active else "expired",
            ended_at=None if active else now,
            purged_at=None if active else now,
        )
        MandateLog.objects.create(
            mandate=mandate, name="create", from_state="", to_state="active", by_id=mandate.recorded_by_id,
            at=first.consent_recorded_at or first.created_at, reason="repris des demandes publiées avant les mandats",
        )  # fmt: skip
        if not active:
            MandateLog.objects.create(mandate=mandate, name="expire", from_state="active", to_state="expired", at=now)
        MandateAct.objects.bulk_create(
            [
                MandateAct(mandate=mandate, kind="help_request", by_id=post.author_id, at=post.created_at,
                           summary=post.category.name[:300], url=f"/entraide/demandes/{post.pk}/")
                for post in posts
            ]
        )  # fmt: skip
        HelpRequest.objects.filter(pk__in=[post.pk for post in posts]).update(mandate=mandate)


class Migration(migrations.Migration):
    dependencies = [("help", "0005_request_mandate"), ("rights", "0005_mediator_grants_from_flag")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
