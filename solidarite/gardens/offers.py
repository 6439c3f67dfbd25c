"""A free plot offered to the next applicant, accepted, declined or let pass; a plot freed or closed.

The turn: applicants from the garden's priority quartiers first, then by the date they joined (their
``queued_at``, moved to the end of the list when they decline an offer or let it pass). An accessible
plot goes first to those who need one. Nobody is offered a plot they have already declined.

One applicant per free plot, even when two managers act at once: the plot's row is locked before its
state is read, a plot is offered only from ``free``, and the database refuses a second live offer for a
plot or an applicant (partial unique constraints). Rows are locked in one order: offer, application,
plot (freeing a plot: plot, then the applicant it is offered to), so two of these never wait on each other.
An offer past its deadline cannot be accepted, whatever the expiry command has done yet.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from solidarite import intervals
from solidarite.accounts.roles import require_poster
from solidarite.gardens import notices
from solidarite.gardens.models import Allocation, Application, Garden, Offer, Plot
from solidarite.gardens.workflow import APPLICATION, OFFER, PLOT
from solidarite.notifications.services import notify_many

# From October, a plot is allocated for the next season (the winter is the time to prepare it).
NEXT_SEASON_FROM_MONTH = 10


def season_for(now: dt.datetime) -> int:
    local = now.astimezone(intervals.PARIS)
    return local.year + 1 if local.month >= NEXT_SEASON_FROM_MONTH else local.year


def deadline_for(garden: Garden, now: dt.datetime) -> dt.datetime:
    """The end of the day (Paris), ``offer_days`` days from now: a deadline people can read and keep."""
    day = now.astimezone(intervals.PARIS).date() + dt.timedelta(days=garden.offer_days)
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=intervals.PARIS)


def queue(plot: Plot):
    """The applicants this plot would be offered to, in turn."""
    garden = plot.garden
    priority = Garden.priority_quartiers.through.objects.filter(
        garden_id=garden.pk, quartier_id=OuterRef("quartier_id")
    )
    declined = Offer.objects.filter(plot=plot, application=OuterRef("pk"))
    rows = (
        Application.objects.filter(garden=garden, status=Application.Status.WAITING)
        .annotate(priority=Exists(priority), declined=Exists(declined))
        .filter(declined=False)
    )
    order = ["-priority", "queued_at", "pk"]
    if plot.kind == Plot.Kind.ACCESSIBLE:
        order.insert(0, "-wants_accessible")
    return rows.order_by(*order)


def _locked_plot(pk) -> Plot:
    # Only the plot's row is locked (``of``): its garden and association are read, not held.
    return Plot.objects.select_for_update(of=("self",)).select_related("garden__association").get(pk=pk)


def _head(plot: Plot) -> Application | None:
    # The head of the list, locked in the same query. An applicant another transaction is offering a
    # plot to right now is skipped (PostgreSQL); one it has offered since this query began is read again
    # and no longer waiting. SQLite serialises the whole transaction instead.
    return queue(plot).select_for_update(skip_locked=True, of=("self",)).select_related("person").first()


def _offer_next(plot: Plot, now: dt.datetime) -> Offer | None:
    """Offer ``plot`` (locked, free) to the next applicant; None when nobody waits for it."""
    if plot.status != Plot.Status.FREE:
        return None
    application = _head(plot)
    return _offer(plot, application, now) if application is not None else None


def _offer(plot: Plot, application: Application, now: dt.datetime) -> Offer:
    """The offer's row is its own record of being proposed (``created_at``): its log starts at the answer."""
    offer = Offer.objects.create(
        plot=plot, application=application, created_at=now, deadline=deadline_for(plot.garden, now)
    )
    PLOT.move(plot, "offer", by=None)
    APPLICATION.move(application, "offer", by=None)
    # The applicant's row is locked (``_head``): their account cannot be erased before this commits.
    notify_many([(application.person, notices.PLOT_OFFERED, notices.plot_offered(offer))], read_just_now=True)
    return offer


def free_plot(*, by, plot: Plot) -> Offer | None:
    """A manager frees an allocated plot (end of season, a gardener leaves): its allocation ends and the
    plot is offered to the next applicant at once. Returns the offer, or None when nobody waits."""
    return take_plot_step(by=by, plot=plot, step="free")


def take_plot_step(*, by, plot: Plot, step: str) -> Offer | None:
    """``free``, ``close`` or ``reopen`` a plot (a manager); a plot that becomes free is offered."""
    require_poster(by)
    now = timezone.now()
    with transaction.atomic():
        plot = _locked_plot(plot.pk)
        PLOT.check(plot, step, by)
        if step == "free":
            Allocation.objects.filter(plot=plot, ended_at__isnull=True).update(ended_at=now)
        if PLOT.steps[step].target == Plot.Status.FREE:
            application = _head(plot)
            if application is not None:
                # Free, then offered at once: one write of the plot, its final state.
                plot.status = Plot.Status.FREE
                return _offer(plot, application, now)
        PLOT.move(plot, step, by=by)
        return None


def offer_free_plots(*, by, garden: Garden) -> int:
    """Offer every free plot of the garden to the applicants in turn (after plots were added)."""
    from solidarite.gardens.roles import require_manager

    require_manager(garden, by)
    return _offer_all_free(garden)


def _offer_all_free(garden: Garden) -> int:
    now = timezone.now()
    count = 0
    for pk in Plot.objects.filter(garden=garden, status=Plot.Status.FREE).values_list("pk", flat=True):
        with transaction.atomic():
            count += _offer_next(_locked_plot(pk), now) is not None
    return count


def _stale_deadline(offer: Offer) -> ValidationError:
    when = date_format(offer.deadline.astimezone(intervals.PARIS), "j F, H:i")
    return ValidationError(
        _(
            "Le délai pour accepter cette parcelle est passé (le %(deadline)s) : "
            "elle est proposée à la personne suivante."
        )
        % {"deadline": when}
    )


def accept(*, by, offer: Offer) -> Allocation:
    """The applicant accepts before the deadline: the plot is theirs for the season; managers are told."""
    require_poster(by)
    now = timezone.now()
    with transaction.atomic():
        offer = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
        if offer.deadline <= now and offer.application.person_id == by.pk:
            # Too late, whether or not expire_due has passed it on yet: one answer in either order.
            raise _stale_deadline(offer)
        OFFER.check(offer, "accept", by)
        application = Application.objects.select_for_update().get(pk=offer.application_id)
        plot = _locked_plot(offer.plot_id)
        OFFER.move(offer, "accept", by=by)
        application.closed_at = now
        APPLICATION.move(application, "allocate", by=by, save_fields=["closed_at"])
        PLOT.move(plot, "allocate", by=by)
        allocation = Allocation.objects.create(
            plot=plot,
            person=by,
            season=season_for(now),
            fee=plot.garden.season_fee,
            quartier_id=application.quartier_id,
            waited_days=max(0, (now - application.created_at).days),
            created_at=now,
        )
        payload = notices.plot_taken(allocation)
        managers = _managers(plot.garden)
        notify_many([(manager, notices.PLOT_TAKEN, payload) for manager in managers])
    return allocation


def _managers(garden: Garden) -> list:
    from django.contrib.auth import get_user_model

    if garden.association_id:
        return list(garden.association.managers_to_notify())
    return list(get_user_model().objects.filter(is_staff=True, is_active=True))


def decline(*, by, offer: Offer) -> Offer | None:
    """The applicant declines: back on the list, at its end; the plot goes to the next applicant."""
    require_poster(by)
    with transaction.atomic():
        offer = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
        OFFER.check(offer, "decline", by)
        return end_offer(offer, "decline", by=by)


def end_offer(offer: Offer, step: str, *, by, requeue: bool = True) -> Offer | None:
    """End a live offer (locked by the caller): its applicant back in the list (or not), its plot
    offered to the next one. Returns that next offer."""
    now = timezone.now()
    OFFER.move(offer, step, by=by)
    application = Application.objects.select_for_update().get(pk=offer.application_id)
    if requeue and application.status == Application.Status.OFFERED:
        application.queued_at = now
        APPLICATION.move(application, "requeue", by=by, save_fields=["queued_at"])
    plot = _locked_plot(offer.plot_id)
    PLOT.move(plot, "release", by=by)
    return _offer_next(plot, now)


def expire_due(*, now: dt.datetime | None = None) -> int:
    """Offers past their deadline: the applicant is told (live) and goes to the end of the list; the plot
    is offered to the next one. Run every quarter of an hour (``expire_garden_offers``)."""
    now = now or timezone.now()
    done = 0
    due = Offer.objects.filter(status=Offer.Status.PROPOSED, deadline__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            offer = Offer.objects.select_for_update().filter(pk=pk, status=Offer.Status.PROPOSED).first()
            if offer is None or offer.deadline > now:
                continue  # accepted or declined in the meantime
            person = offer.application.person
            end_offer(offer, "expire", by=None)
            notify_many([(person, notices.OFFER_EXPIRED, notices.offer_expired(offer))])
            done += 1
    return done


def record_agreement(*, by, allocation: Allocation, signed_on: dt.date, fee: int) -> Allocation:
    """The manager records the season's occupation agreement: the day it was signed and the fee."""
    from solidarite.gardens.roles import require_manager

    require_manager(allocation.plot.garden, by)
    if allocation.ended_at is not None:
        raise ValidationError(_("Cette attribution est terminée."))
    if signed_on > timezone.localdate() or signed_on < allocation.created_at.astimezone(intervals.PARIS).date():
        raise ValidationError({"signed_on": _("La date de signature doit être entre l'attribution et aujourd'hui.")})
    if fee < 0 or fee > 100_000:
        raise ValidationError({"fee": _("La redevance doit être entre 0 et 1 000 €.")})
    allocation.agreement_signed_on = signed_on
    allocation.fee = fee
    allocation.save(update_fields=["agreement_signed_on", "fee"])
    return allocation
