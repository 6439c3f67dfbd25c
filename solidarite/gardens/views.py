"""Public pages of the gardens and orchards, and a gardener's own page. No JavaScript needed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.forms import error_text, show_service_error
from solidarite.gardens import offers, orchards, waiting
from solidarite.gardens.forms import ApplyForm, RipeForm
from solidarite.gardens.models import Allocation, Application, Follow, Garden, Offer, Orchard, Plot
from solidarite.gardens.roles import is_manager, require_manager
from solidarite.gardens.workflow import APPLICATION, OFFER


def _garden(slug) -> Garden:
    return get_object_or_404(Garden.objects.select_related("association", "quartier"), slug=slug, is_active=True)


def _orchard(slug) -> Orchard:
    return get_object_or_404(Orchard.objects.select_related("association", "quartier"), slug=slug, is_active=True)


@require_GET
def garden_list(request):
    gardens = (
        Garden.objects.filter(is_active=True)
        .select_related("association", "quartier")
        .annotate(
            plots_count=Count("plots", distinct=True),
            free_count=Count("plots", filter=Q(plots__status=Plot.Status.FREE), distinct=True),
            waiting_count=Count(
                "applications", filter=Q(applications__status=Application.Status.WAITING), distinct=True
            ),
        )
    )
    orchard_rows = (
        Orchard.objects.filter(is_active=True).select_related("quartier").annotate(trees_count=Count("trees"))
    )
    return render(request, "gardens/list.html", {"gardens": gardens, "orchards": orchard_rows})


def _upcoming(place):
    return place.actions.published().upcoming().select_related("association")[:10]


@require_GET
def garden_detail(request, slug):
    garden = _garden(slug)
    plots = list(garden.plots.all())
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(garden=garden, person=request.user, status__in=waiting.OPEN).first()
    return render(
        request,
        "gardens/garden.html",
        {
            "garden": garden,
            "plots": plots,
            "waiting_count": garden.applications.filter(status=Application.Status.WAITING).count(),
            "priority": garden.priority_quartiers.all(),
            "actions": _upcoming(garden),
            "mine": mine,
            "is_manager": is_manager(garden, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, slug):
    garden = _garden(slug)
    form = ApplyForm(request.POST or None, initial={"quartier": request.user.quartier_id})
    if request.method == "POST" and form.is_valid():
        try:
            application = waiting.apply(by=request.user, garden=garden, **form.cleaned_data)
        except ValidationError as error:
            show_service_error(form, error)
        else:
            if application.status == Application.Status.OFFERED:
                messages.success(request, _("Inscription enregistrée : une parcelle libre vous est déjà proposée."))
            else:
                messages.success(
                    request, _("Inscription enregistrée. Vous serez prévenu·e quand une parcelle se libère.")
                )
            return redirect("gardens:mine")
    return render(request, "gardens/apply.html", {"garden": garden, "form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def mine(request):
    applications = list(
        Application.objects.filter(person=request.user)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("garden")
        .order_by("-created_at")
    )
    live = {
        o.application_id: o
        for o in Offer.objects.filter(application__in=applications, status=Offer.Status.PROPOSED).select_related(
            "plot", "application"
        )
    }
    rows = [
        (
            a,
            live.get(a.pk),
            OFFER.available(live[a.pk], request.user) if a.pk in live else [],
            APPLICATION.available(a, request.user),
        )
        for a in applications
    ]
    allocations = Allocation.objects.filter(person=request.user, ended_at__isnull=True).select_related("plot__garden")
    follows = Follow.objects.filter(person=request.user).select_related("orchard")
    return render(request, "gardens/mine.html", {"rows": rows, "allocations": allocations, "follows": follows})


@login_required
@require_POST
def offer_step(request, pk, step):
    offer = get_object_or_404(Offer.objects.select_related("application"), pk=pk, application__person=request.user)
    found = OFFER.by_url_name(step)
    if found is None or found.name not in ("accept", "decline"):
        return redirect("gardens:mine")
    try:
        if found.name == "accept":
            allocation = offers.accept(by=request.user, offer=offer)
            messages.success(
                request,
                _(
                    "La parcelle %(plot)s est à vous pour la saison %(season)s. "
                    "Le jardin vous contacte pour la convention."
                )
                % {"plot": allocation.plot.number, "season": allocation.season},
            )
        else:
            offers.decline(by=request.user, offer=offer)
            messages.success(request, _("C'est noté : vous restez sur la liste, en fin de liste."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("gardens:mine")


@login_required
@require_POST
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk, person=request.user)
    try:
        waiting.withdraw(by=request.user, application=application)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Vous avez quitté la liste d'attente."))
    return redirect("gardens:mine")


@require_GET
def orchard_detail(request, slug):
    orchard = _orchard(slug)
    manager = is_manager(orchard, request.user)
    following = request.user.is_authenticated and Follow.objects.filter(orchard=orchard, person=request.user).exists()
    return render(
        request,
        "gardens/orchard.html",
        {
            "orchard": orchard,
            "trees": orchard.trees.all(),
            "ripe": orchard.ripeness.filter(at__gte=timezone.now() - orchards.RIPE_AGAIN_AFTER * 3)[:5],
            "actions": _upcoming(orchard),
            "following": following,
            "is_manager": manager,
            "ripe_form": RipeForm(fruits=orchards.fruits(orchard)) if manager else None,
            "followers": orchard.follows.count() if manager else None,
            "choosable": orchards.choosable_actions(orchard) if manager else [],
        },
    )


@login_required
@require_POST
def follow(request, slug):
    orchard = _orchard(slug)
    if request.POST.get("follow") == "0":
        orchards.unfollow(by=request.user, orchard=orchard)
        messages.success(request, _("Vous ne suivez plus ce verger."))
    else:
        orchards.follow(by=request.user, orchard=orchard)
        messages.success(request, _("Vous serez prévenu·e quand les fruits de ce verger sont mûrs."))
    return redirect(orchard.get_absolute_url())


@login_required
@require_POST
def ripe(request, slug):
    orchard = _orchard(slug)
    require_manager(orchard, request.user)
    form = RipeForm(request.POST, fruits=orchards.fruits(orchard))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choisissez un des fruits des arbres de ce verger."))
        orchards.announce_ripe(by=request.user, orchard=orchard, fruit=form.cleaned_data["fruit"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Annonce envoyée aux personnes qui suivent ce verger."))
    return redirect(orchard.get_absolute_url())
