"""Every write to the guide of aids and to the points d'accueil: forms, admin actions and the demo loader
call these, so that each change lands in the history and each review moves the next-review date."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from solidarite.accounts.roles import is_city_staff
from solidarite.notifications.services import notify_many
from solidarite.rights import notices
from solidarite.rights.models import THEMATIQUE_CODES, Aid, AidPublic, AidRevision, AidTheme, Place, PlaceTheme
from solidarite.rights.vocabulary import Public

# What the history compares, in the order a page shows it.
TRACKED = [
    "title",
    "slug",
    "summary",
    "keywords",
    "kind",
    "institution",
    "eligibility",
    "documents",
    "how_to_apply",
    "apply_online_url",
    "apply_form_url",
    "apply_at_place",
    "phone",
    "provider",
    "source_url",
    "source_date",
    "reviewer",
    "reviewed_on",
    "next_review_on",
    "is_published",
]


def review_interval() -> dt.timedelta:
    return dt.timedelta(days=settings.RIGHTS_REVIEW_INTERVAL_DAYS)


def _require_staff(by) -> None:
    # The views check too; this is the rule for every caller (API, admin action, command).
    if by is not None and not is_city_staff(by):
        raise PermissionDenied(_("Réservé aux agent·es de la ville."))


def _value(aid: Aid, name: str):
    value = getattr(aid, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "pk"):  # a reviewer or a provider: its id, never a name (the history outlives people)
        return value.pk
    return value


def _snapshot(aid: Aid) -> dict:
    data = {name: _value(aid, name) for name in TRACKED}
    if aid.pk:
        data["themes"] = sorted(aid.themes.values_list("code", flat=True))
        data["publics"] = sorted(aid.publics.values_list("code", flat=True))
    else:
        data["themes"] = data["publics"] = []
    return data


def _clean_codes(themes, publics) -> tuple[list[str], list[str]]:
    themes, publics = sorted(set(themes or [])), sorted(set(publics or []))
    unknown = [code for code in themes if code not in THEMATIQUE_CODES]
    if unknown:
        raise ValidationError({"themes": _("Thème inconnu : %(codes)s.") % {"codes": ", ".join(unknown)}})
    if not themes:
        raise ValidationError({"themes": _("Choisissez au moins un thème.")})
    if not publics:
        raise ValidationError({"publics": _("Choisissez au moins un public.")})
    if any(code not in Public.values for code in publics):
        raise ValidationError({"publics": _("Public inconnu.")})
    if Public.ALL in publics and len(publics) > 1:
        raise ValidationError({"publics": _("« Tout le monde » ne se combine pas avec un autre public.")})
    return themes, publics


def _write_codes(aid: Aid, themes: list[str], publics: list[str]) -> None:
    aid.themes.exclude(code__in=themes).delete()
    AidTheme.objects.bulk_create(
        [AidTheme(aid=aid, code=code) for code in themes], ignore_conflicts=True, unique_fields=["aid", "code"]
    )
    aid.publics.exclude(code__in=publics).delete()
    AidPublic.objects.bulk_create(
        [AidPublic(aid=aid, code=code) for code in publics], ignore_conflicts=True, unique_fields=["aid", "code"]
    )


def save_aid(*, aid: Aid, by, themes, publics, action: str | None = None) -> Aid:
    """Create or update ``aid`` (an instance carrying the new values) with its themes and publics, and
    write what changed to the history. Nothing changed: nothing is written."""
    _require_staff(by)
    themes, publics = _clean_codes(themes, publics)
    if not aid.reviewed_on:
        aid.reviewed_on = timezone.localdate()
    if not aid.next_review_on:
        aid.next_review_on = aid.reviewed_on + review_interval()
    aid.full_clean()
    with transaction.atomic():
        before = _snapshot(Aid.objects.get(pk=aid.pk)) if aid.pk else None
        aid.updated_by = by
        aid.save()
        _write_codes(aid, themes, publics)
        after = _snapshot(aid)
        if before is None:
            changes = {name: [None, value] for name, value in after.items() if value not in (None, "", [], False)}
            AidRevision.objects.create(aid=aid, by=by, action=action or "created", changes=changes)
        else:
            changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
            if changes:
                AidRevision.objects.create(aid=aid, by=by, action=action or "updated", changes=changes)
    return aid


def mark_reviewed(*, aid: Aid, by, on: dt.date | None = None) -> Aid:
    """The reviewer checked the aid against its source: today is the new "vérifié le", the next review
    moves one interval ahead, and the alert can fire again for that new date."""
    _require_staff(by)
    on = on or timezone.localdate()
    with transaction.atomic():
        aid = Aid.objects.select_for_update().get(pk=aid.pk)
        before = {"reviewed_on": aid.reviewed_on.isoformat(), "next_review_on": aid.next_review_on.isoformat()}
        aid.reviewed_on, aid.next_review_on = on, on + review_interval()
        aid.updated_by = by
        aid.save(update_fields=["reviewed_on", "next_review_on", "updated_by", "updated_at"])
        AidRevision.objects.create(
            aid=aid,
            by=by,
            action="reviewed",
            changes={
                "reviewed_on": [before["reviewed_on"], on.isoformat()],
                "next_review_on": [before["next_review_on"], aid.next_review_on.isoformat()],
            },
        )
    return aid


def alert_review_due(*, on: dt.date | None = None) -> int:
    """Tell each reviewer (else every city agent) about the aids past their review date, once per date.

    Run daily (``manage.py rights_review_due``). Returns the number of aids alerted for."""
    from django.contrib.auth import get_user_model

    on = on or timezone.localdate()
    due = (
        Aid.objects.review_due(on)
        .exclude(review_alerted_for=F("next_review_on"))
        .select_related("reviewer")
        .order_by("next_review_on", "pk")
    )
    staff = None
    count = 0
    for aid in due:
        reviewer = aid.reviewer if aid.reviewer and aid.reviewer.is_active and aid.reviewer.is_staff else None
        if reviewer is None and staff is None:
            staff = list(get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk"))
        people = [reviewer] if reviewer else staff
        payload = notices.review_due(aid, formats.date_format(aid.next_review_on, "j F Y"))
        with transaction.atomic():
            notify_many([(person, notices.REVIEW_DUE, payload) for person in people])
            Aid.objects.filter(pk=aid.pk).update(review_alerted_for=aid.next_review_on)
        count += 1
    return count


def save_place(*, place: Place, by, themes=(), aids=None) -> Place:
    """Create or update a point d'accueil with its themes (and the aids it helps with, when given)."""
    _require_staff(by)
    themes = sorted(set(themes or []))
    unknown = [code for code in themes if code not in THEMATIQUE_CODES]
    if unknown:
        raise ValidationError({"themes": _("Thème inconnu : %(codes)s.") % {"codes": ", ".join(unknown)}})
    place.full_clean()
    with transaction.atomic():
        place.updated_by = by
        place.save()
        place.themes.exclude(code__in=themes).delete()
        PlaceTheme.objects.bulk_create(
            [PlaceTheme(place=place, code=code) for code in themes],
            ignore_conflicts=True,
            unique_fields=["place", "code"],
        )
        if aids is not None:
            place.aids.set(aids)
    return place
