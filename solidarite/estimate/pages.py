"""What several pages of the estimate show the same way (one's démarches, a mandate's page, a shared estimate)."""

from solidarite.estimate import claims, reminders, sharing
from solidarite.rights.models import Aid as GuideAid


def claim_rows(rows, user) -> list:
    """Each claim with its title, its guide page, the steps ``user`` may take, its reminder delay and whether
    it waits on something (a reminder can be chosen)."""
    guides = GuideAid.objects.published().in_bulk([claims.guide_slug(c) for c in rows], field_name="slug")
    return [
        (
            c,
            claims.title(c),
            guides.get(claims.guide_slug(c)),
            claims.CLAIM.available(c, user),
            reminders.delay_of(c),
            c.status in reminders.WAITING,
        )
        for c in rows
    ]


def sharing_context(saved) -> dict:
    return {
        "estimate": saved,
        "shares": saved.shares.select_related("appointment__permanence"),
        "appointments": sharing.appointments_for(saved),
    }
