"""The garden's managers: plots (free, close, reopen), offers running, the waiting list in turn, the
season's allocations and their agreements, and the actions (work days, harvests) linked to the place."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from associations.directory.models import Action
from solidarite.forms import error_text
from solidarite.gardens import offers, orchards
from solidarite.gardens.forms import AgreementForm
from solidarite.gardens.models import Allocation, Application, Garden, Offer, Orchard, Plot
from solidarite.gardens.roles import require_manager
from solidarite.gardens.workflow import PLOT


def _managed_garden(request, slug) -> Garden:
    garden = get_object_or_404(Garden.objects.select_related("association"), slug=slug)
    require_manager(garden, request.user)
    return garden


@login_required
@require_GET
def manage(request, slug):
    garden = _managed_garden(request, slug)
    plots = list(garden.plots.all())
    probe = next((p for p in plots if p.status == Plot.Status.FREE), None) or (plots[0] if plots else None)
    turn = list(offers.queue(probe).select_related("person", "quartier")[:100]) if probe else []
    return render(
        request,
        "gardens/manage.html",
        {
            "garden": garden,
            "plots": [(plot, PLOT.available(plot, request.user)) for plot in plots],
            "live": Offer.objects.filter(plot__garden=garden, status=Offer.Status.PROPOSED).select_related(
                "plot", "application__person"
            ),
            "turn": turn,
            "waiting_count": garden.applications.filter(status=Application.Status.WAITING).count(),
            "allocations": Allocation.objects.filter(plot__garden=garden, ended_at__isnull=True).select_related(
                "plot", "person"
            ),
            "agreement_form": AgreementForm(),
            "linked": garden.actions.all().order_by("-starts_at")[:20],
            "choosable": orchards.choosable_actions(garden),
        },
    )


@login_required
@require_POST
def plot_step(request, pk, step):
    plot = get_object_or_404(Plot.objects.select_related("garden"), pk=pk)
    require_manager(plot.garden, request.user)
    found = PLOT.by_url_name(step)
    if found is None or found.name not in ("free", "close", "reopen"):
        return redirect("gardens:manage", slug=plot.garden.slug)
    try:
        offer = offers.take_plot_step(by=request.user, plot=plot, step=found.name)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        if offer is not None:
            messages.success(
                request, _("Parcelle %(plot)s proposée à la personne suivante de la liste.") % {"plot": plot.number}
            )
        else:
            messages.success(request, _("C'est noté."))
    return redirect("gardens:manage", slug=plot.garden.slug)


@login_required
@require_POST
def agreement(request, pk):
    allocation = get_object_or_404(Allocation.objects.select_related("plot__garden"), pk=pk)
    require_manager(allocation.plot.garden, request.user)
    form = AgreementForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Donnez la date de signature et la redevance (en euros)."))
        offers.record_agreement(
            by=request.user,
            allocation=allocation,
            signed_on=form.cleaned_data["signed_on"],
            fee=int(form.cleaned_data["fee"] * Decimal(100)),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Convention enregistrée."))
    return redirect("gardens:manage", slug=allocation.plot.garden.slug)


def _link(request, place, back):
    require_manager(place, request.user)
    raw = request.POST.get("action", "")
    action = Action.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    try:
        if action is None:
            raise ValidationError(_("Choisissez une action."))
        if request.POST.get("unlink"):
            orchards.unlink_action(by=request.user, place=place, action=action)
        else:
            orchards.link_action(by=request.user, place=place, action=action)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("C'est noté."))
    return redirect(back)


@login_required
@require_POST
def garden_actions(request, slug):
    garden = get_object_or_404(Garden, slug=slug)
    return _link(request, garden, reverse("gardens:manage", args=[garden.slug]))


@login_required
@require_POST
def orchard_actions(request, slug):
    orchard = get_object_or_404(Orchard, slug=slug)
    return _link(request, orchard, orchard.get_absolute_url())
