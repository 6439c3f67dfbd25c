"""Pages of the repair cafés: upcoming sessions, a session (volunteers record, residents pre-register),
following, the personal calendar and its feed, the ORDS open data file."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from associations.directory.editing import can_manage
from associations.directory.models import Action, Association
from solidarite.calendars import services as calendars
from solidarite.forms import error_text, show_service_error
from solidarite.repairs import calendar, export, services
from solidarite.repairs.forms import ArriveForm, OutcomeForm, PreregisterForm, RecordForm
from solidarite.repairs.models import Follow, RepairCafe, RepairRecord
from solidarite.repairs.roles import is_volunteer, volunteers
from solidarite.repairs.workflow import RECORD


@require_GET
def index(request):
    sessions = services.upcoming_sessions()
    followed = set()
    if request.user.is_authenticated:
        followed = set(Follow.objects.filter(user=request.user).values_list("association_id", flat=True))
    organisers = {s.action.association.pk: s.action.association for s in sessions}
    return render(
        request,
        "repairs/index.html",
        {
            "sessions": sessions,
            "organisers": sorted(organisers.values(), key=lambda a: a.name),
            "followed": followed,
        },
    )


def _session(pk, day):
    action = get_object_or_404(Action.objects.public().select_related("association", "quartier"), pk=pk)
    try:
        return services.session(action, dt.date.fromisoformat(day))
    except (ValueError, ValidationError):
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def session_detail(request, pk, day):
    found = _session(pk, day)
    action = found.action
    volunteer = is_volunteer(request.user, action)
    record_form = RecordForm(prefix="objet") if volunteer else None
    prereg_form = PreregisterForm(prefix="inscription") if request.user.is_authenticated else None
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if "objet-problem" in request.POST:
            if not volunteer:
                raise PermissionDenied(_("Réservé aux bénévoles de l'association qui organise ce repair café."))
            record_form = RecordForm(request.POST, prefix="objet")
            if record_form.is_valid():
                try:
                    services.record(action, found.day, by=request.user, **record_form.cleaned_data)
                except ValidationError as error:
                    show_service_error(record_form, error)
                else:
                    messages.success(request, _("L'objet est noté."))
                    return redirect(request.path)
        else:
            prereg_form = PreregisterForm(request.POST, prefix="inscription")
            if prereg_form.is_valid():
                try:
                    services.preregister(action, found.day, by=request.user, **prereg_form.cleaned_data)
                except ValidationError as error:
                    show_service_error(prereg_form, error)
                else:
                    messages.success(request, _("Votre objet est inscrit. Apportez-le à la session."))
                    return redirect(request.path)
        status = 400
    records = RepairRecord.objects.of_session(action, found.day).exclude(status=RepairRecord.Status.WITHDRAWN)
    mine = records.filter(owner=request.user) if request.user.is_authenticated else records.none()
    people = list(volunteers(action)) if volunteer else []
    rows = []
    if volunteer:
        for record in records.prefetch_related("credits__repairer"):
            steps = {step.name for step in RECORD.available(record, request.user)}
            rows.append(
                {
                    "record": record,
                    "arrive": ArriveForm(prefix=f"r{record.pk}") if "arrive" in steps else None,
                    "outcome": OutcomeForm(
                        prefix=f"r{record.pk}",
                        people=people,
                        initial={
                            "repair_status": record.repair_status or None,
                            "repair_barrier": record.repair_barrier or "",
                            "repairers": [str(c.repairer_id) for c in record.credits.all()],
                        },
                    )
                    if "outcome" in steps
                    else None,
                    "withdraw": "withdraw" in steps,
                }
            )
    counted = records.counted()
    credited = sorted(
        {c.repairer.public_name for r in counted.prefetch_related("credits__repairer") for c in r.credits.all()}
    )
    return render(
        request,
        "repairs/session.html",
        {
            "session": found,
            "action": action,
            "volunteer": volunteer,
            "record_form": record_form,
            "prereg_form": prereg_form,
            "rows": rows,
            "mine": mine,
            "brought": counted.count(),
            "fixed": counted.filter(repair_status=1).count(),
            "credited": credited,
            "is_future": found.start > services.timezone.now(),
        },
        status=status,
    )


@require_POST
@login_required
def record_step(request, pk, step):
    record = get_object_or_404(RepairRecord.objects.select_related("action"), pk=pk)
    chosen = RECORD.by_url_name(step)
    if chosen is None:
        raise Http404
    back = reverse("repairs:session", args=[record.action_id, record.event_date.isoformat()])
    try:
        if chosen.name == "arrive":
            form = ArriveForm(request.POST, prefix=f"r{record.pk}")
            form.is_valid()
            services.arrive(record, by=request.user, **form.cleaned_data)
        elif chosen.name == "outcome":
            services.set_outcome(
                record,
                by=request.user,
                repair_status=request.POST.get(f"r{record.pk}-repair_status"),
                repair_barrier=request.POST.get(f"r{record.pk}-repair_barrier"),
                repairers=request.POST.getlist(f"r{record.pk}-repairers"),
            )
        else:
            services.withdraw(record, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(back)
    messages.success(request, _("C'est noté : %(step)s.") % {"step": chosen.label})
    return redirect(request.POST.get("suite") == "mes-objets" and reverse("repairs:mine") or back)


@require_POST
@login_required
def follow(request, slug):
    association = get_object_or_404(Association, slug=slug)
    try:
        if request.POST.get("suivre") == "0":
            services.unfollow(association, by=request.user)
            messages.success(request, _("Vous ne suivez plus %(name)s.") % {"name": association.name})
        else:
            services.follow(association, by=request.user)
            messages.success(
                request,
                _("Vous suivez %(name)s : ses sessions sont dans votre calendrier.") % {"name": association.name},
            )
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("repairs:index")


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    """One's objects, followed repair cafés and the secret address of one's calendar."""
    if request.method == "POST":
        if request.POST.get("calendrier") == "revoquer":
            services.revoke_feed_token(request.user)
            messages.success(request, _("L'adresse de votre calendrier ne fonctionne plus."))
        else:
            services.renew_feed_token(request.user)
            messages.success(request, _("Votre calendrier a une nouvelle adresse : l'ancienne ne fonctionne plus."))
        return redirect("repairs:mine")
    token = calendars.current(request.user, calendars.Feed.REPAIRS)
    return render(
        request,
        "repairs/mine.html",
        {
            "objects": _with_withdraw(
                RepairRecord.objects.filter(owner=request.user).select_related("action").order_by("-event_date", "pk"),
                request.user,
            ),
            "follows": Follow.objects.filter(user=request.user).select_related("association"),
            "sessions": services.followed_sessions(request.user),
            "feed_url": request.build_absolute_uri(reverse("repairs:feed", args=[token.token])) if token else "",
        },
    )


def _with_withdraw(records, user) -> list[RepairRecord]:
    """The records, each knowing whether this person may withdraw it now (the machine says, not the page)."""
    records = list(records)
    for record in records:
        record.can_withdraw = "withdraw" in RECORD.names(record, user)
    return records


@require_GET
def feed(request, token):
    user = services.feed_owner(token)
    if user is None:
        raise Http404
    body = calendar.build(services.followed_sessions(user))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def ords_csv(request):
    response = HttpResponse(export.ords_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="repair-cafes-ords.csv"'
    return response


@require_POST
@login_required
def mark(request, pk):
    """An association manager makes one of its actions a repair café (or undoes it)."""
    action = get_object_or_404(Action.objects.select_related("association"), pk=pk)
    if not can_manage(request.user, action.association):
        raise PermissionDenied(_("Seuls les responsables de l'association peuvent faire cela."))
    try:
        if request.POST.get("repair_cafe") == "0":
            services.unmark(action, by=request.user)
            messages.success(request, _("Cette action n'est plus un repair café."))
        else:
            services.mark(action, by=request.user)
            messages.success(request, _("Cette action est un repair café : chaque date est une session."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    if RepairCafe.objects.filter(action=action).exists():
        return redirect("repairs:session_list_of", pk=action.pk)
    return redirect(action.get_absolute_url())


@require_GET
def sessions_of(request, pk):
    """The sessions of one repair café action (the link from a marked action)."""
    action = get_object_or_404(Action.objects.public().filter(repair_cafe__isnull=False), pk=pk)
    found = [s for s in services.upcoming_sessions() if s.action.pk == action.pk]
    return render(request, "repairs/sessions_of.html", {"action": action, "sessions": found})
