from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarite.accounts.roles import can_post, is_city_staff, require_city_staff
from solidarite.fragments.cache import LISTINGS, cached_part
from solidarite.shops import hours, schema_org, services
from solidarite.shops.forms import (
    ClaimForm,
    DecisionForm,
    HideForm,
    InitiativeForm,
    RejectForm,
    ShopCreateForm,
    ShopForm,
    ShopSearchForm,
    VerifyForm,
)
from solidarite.shops.models import Initiative, Shop, ShopClaim
from solidarite.shops.search import for_display, search
from solidarite.shops.workflow import CLAIM, INITIATIVE

PAGE_SIZE = 20
MAP_LIMIT = 500


def _shop_for(request, slug) -> Shop:
    """The shop if this person may see it, else 404 (a hidden listing does not exist for visitors)."""
    return get_object_or_404(Shop.objects.visible_to(request.user).select_related("quartier", "owner"), slug=slug)


def _owned_shop(request, slug) -> Shop:
    shop = _shop_for(request, slug)
    if not (can_post(request.user) and shop.is_owner(request.user)):
        raise PermissionDenied(_("Seul·e le ou la commerçant·e vérifié·e de ce commerce peut faire cela."))
    return shop


def _apply_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _filtered(request):
    form = ShopSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = search(**{k: v for k, v in filters.items() if v not in (None, "", False)})
    return form, qs, filters


def shop_list(request):
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    listing = cached_part(request, area=LISTINGS, render=lambda: _shop_listing(request, query))
    return render(request, "shops/shop_list.html", {"listing": listing, "query": query})


def _shop_listing(request, query: str) -> str:
    form, qs, _filters = _filtered(request)
    page = Paginator(for_display(qs.order_by("name", "pk")), PAGE_SIZE).get_page(request.GET.get("page"))
    return render_to_string("shops/_shop_listing.html", {"form": form, "page": page, "query": query})


def shop_map(request):
    form, qs, filters = _filtered(request)
    shops = list(qs.filter(latitude__isnull=False).select_related("quartier").order_by("name", "pk")[: MAP_LIMIT + 1])
    query = request.GET.copy()
    return render(
        request,
        "shops/shop_map.html",
        {
            "form": form,
            "shops": shops[:MAP_LIMIT],
            "truncated": len(shops) > MAP_LIMIT,
            "query": query.urlencode(),
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
            "center": settings.TOWN_CENTER,
        },
    )


def shop_detail(request, slug):
    shop = _shop_for(request, slug)
    initiatives = list(
        shop.initiatives.filter(ended_at__isnull=True).select_related("association").order_by("starts_on")
    )
    today = timezone.localdate()
    context = {
        "shop": shop,
        "status": shop.hours_status(),
        "week": hours.week(shop.opening_hours),
        "current": [i for i in initiatives if i.is_current(today)],
        "upcoming": [i for i in initiatives if i.starts_on > today],
        "is_owner": shop.is_owner(request.user),
        "is_staff": is_city_staff(request.user),
        "jsonld": schema_org.local_business(shop, request) if shop.is_listed else None,
        "my_claim": (
            shop.claims.filter(user=request.user).order_by("-created_at").first()
            if request.user.is_authenticated
            else None
        ),
    }
    # Awaiting the city's decision: a step staff may still take on it.
    context["claim_waiting"] = context["my_claim"] is not None and CLAIM.can(context["my_claim"], "approve")
    if context["is_staff"]:
        context["claims"] = list(shop.claims.select_related("user", "decided_by").order_by("-created_at"))
        context["events"] = list(shop.events.select_related("actor").order_by("-at")[:20])
        context["hide_form"] = HideForm()
        context["verify_form"] = VerifyForm(initial={"siret": shop.siret})
    return render(request, "shops/shop_detail.html", context)


@login_required
def shop_create(request):
    if not can_post(request.user):
        raise PermissionDenied(_("Votre compte ne peut pas publier pour le moment."))
    form = ShopCreateForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                claim = services.create_shop(
                    by=request.user,
                    siret=form.cleaned_data["siret"],
                    message=form.cleaned_data["message"],
                    tags=form.tags(),
                    **form.changes(),
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Merci ! La mairie va vérifier votre commerce avant de le publier."))
                return redirect(claim.shop.get_absolute_url())
        return render(request, "shops/shop_form.html", {"form": form, "shop": None}, status=400)
    return render(request, "shops/shop_form.html", {"form": form, "shop": None})


@login_required
def shop_edit(request, slug):
    shop = _owned_shop(request, slug)
    form = ShopForm(request.POST or None, instance=shop)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_shop(shop=shop, by=request.user, changes=form.changes(), tags=form.tags())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("La fiche du commerce est à jour."))
                return redirect(shop.get_absolute_url())
        shop.refresh_from_db()
        return render(request, "shops/shop_form.html", {"form": form, "shop": shop}, status=400)
    return render(request, "shops/shop_form.html", {"form": form, "shop": shop})


@login_required
def shop_claim(request, slug):
    shop = _shop_for(request, slug)
    if not can_post(request.user):
        raise PermissionDenied(_("Votre compte ne peut pas publier pour le moment."))
    form = ClaimForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.claim_shop(shop=shop, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Votre demande est envoyée : la mairie vous répondra après vérification."))
                return redirect(shop.get_absolute_url())
        return render(request, "shops/claim_form.html", {"form": form, "shop": shop}, status=400)
    return render(request, "shops/claim_form.html", {"form": form, "shop": shop})


@login_required
def my_shops(request):
    owned = Shop.objects.owned_by(request.user).order_by("name")
    claims = ShopClaim.objects.filter(user=request.user).select_related("shop").order_by("-created_at")
    return render(request, "shops/my_shops.html", {"owned": owned, "claims": claims})


# --- staff -----------------------------------------------------------------------------------


@login_required
def verification_queue(request):
    require_city_staff(request.user)
    pending = ShopClaim.objects.filter(status=ShopClaim.Status.PENDING)
    shops = (
        Shop.objects.filter(Q(claims__status=ShopClaim.Status.PENDING) | Q(status=Shop.Status.PENDING))
        .distinct()
        .select_related("owner", "quartier")
        .annotate(pending_count=Count("claims", filter=Q(claims__status=ShopClaim.Status.PENDING)))
        .prefetch_related(Prefetch("claims", queryset=pending.select_related("user"), to_attr="pending_claims"))
        .order_by("-pending_count", "created_at")
    )
    hidden = Shop.objects.filter(hidden=True).order_by("name")
    return render(
        request,
        "shops/verification_queue.html",
        {"shops": shops, "hidden": hidden, "decision_form": DecisionForm(), "reject_form": RejectForm()},
    )


def _staff_claim_action(request, pk, form_class, action):
    require_city_staff(request.user)
    claim = get_object_or_404(ShopClaim.objects.select_related("shop"), pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(claim=claim, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("shops:verification")
        return None
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("shops:verification")


@require_POST
@login_required
def claim_approve(request, pk):
    response = _staff_claim_action(request, pk, DecisionForm, services.approve_claim)
    if response is None:
        messages.success(request, _("Demande acceptée : la personne gère désormais le commerce."))
        response = redirect("shops:verification")
    return response


@require_POST
@login_required
def claim_reject(request, pk):
    response = _staff_claim_action(request, pk, RejectForm, services.reject_claim)
    if response is None:
        messages.success(request, _("Demande refusée ; la personne est prévenue."))
        response = redirect("shops:verification")
    return response


@require_POST
@login_required
def shop_verify(request, slug):
    require_city_staff(request.user)
    shop = get_object_or_404(Shop, slug=slug)
    form = VerifyForm(request.POST)
    if form.is_valid():
        services.verify_shop(shop=shop, by=request.user, siret=form.cleaned_data["siret"])
        messages.success(request, _("Commerce vérifié."))
        return redirect(shop.get_absolute_url())
    messages.error(request, " ".join(form.errors["siret"]))
    return redirect(shop.get_absolute_url())


@require_POST
@login_required
def shop_hide(request, slug):
    require_city_staff(request.user)
    shop = get_object_or_404(Shop, slug=slug)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez pourquoi la fiche est masquée."))
        return redirect(shop.get_absolute_url())
    services.set_hidden(shop=shop, by=request.user, hidden=True, reason=form.cleaned_data["reason"])
    messages.success(request, _("La fiche est masquée pour le public."))
    return redirect(shop.get_absolute_url())


@require_POST
@login_required
def shop_show(request, slug):
    require_city_staff(request.user)
    shop = get_object_or_404(Shop, slug=slug)
    services.set_hidden(shop=shop, by=request.user, hidden=False)
    messages.success(request, _("La fiche est de nouveau visible."))
    return redirect(shop.get_absolute_url())


# --- initiatives -----------------------------------------------------------------------------


def initiative_list(request):
    today = timezone.localdate()
    base = Initiative.objects.public().filter(ended_at__isnull=True).select_related("shop", "association")
    current = base.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today).order_by(
        "-starts_on", "pk"
    )
    upcoming = base.filter(starts_on__gt=today).order_by("starts_on", "pk")
    page = Paginator(current, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "shops/initiative_list.html", {"page": page, "upcoming": upcoming[:PAGE_SIZE]})


def initiative_detail(request, pk):
    initiative = get_object_or_404(Initiative.objects.select_related("shop", "association"), pk=pk)
    shop = initiative.shop
    if not (shop.is_listed or shop.is_owner(request.user) or is_city_staff(request.user)):
        raise Http404
    return render(
        request,
        "shops/initiative_detail.html",
        {"initiative": initiative, "shop": shop, "steps": INITIATIVE.names(initiative, request.user)},
    )


@login_required
def initiative_create(request, slug):
    shop = _owned_shop(request, slug)
    form = InitiativeForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST":
        if form.is_valid():
            try:
                initiative = services.publish_initiative(shop=shop, by=request.user, **form.values())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Initiative publiée."))
                return redirect(initiative.get_absolute_url())
        return render(
            request, "shops/initiative_form.html", {"form": form, "shop": shop, "initiative": None}, status=400
        )
    return render(request, "shops/initiative_form.html", {"form": form, "shop": shop, "initiative": None})


def _owned_initiative(request, pk) -> Initiative:
    initiative = get_object_or_404(Initiative.objects.select_related("shop"), pk=pk)
    if not (can_post(request.user) and initiative.shop.is_owner(request.user)):
        raise PermissionDenied(_("Seul·e le ou la commerçant·e vérifié·e de ce commerce peut faire cela."))
    return initiative


@login_required
def initiative_edit(request, pk):
    initiative = _owned_initiative(request, pk)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_initiative(initiative=initiative, by=request.user, changes=form.values())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Initiative mise à jour."))
                return redirect(initiative.get_absolute_url())
        initiative.refresh_from_db()
        ctx = {"form": form, "shop": initiative.shop, "initiative": initiative}
        return render(request, "shops/initiative_form.html", ctx, status=400)
    return render(
        request, "shops/initiative_form.html", {"form": form, "shop": initiative.shop, "initiative": initiative}
    )


@require_POST
@login_required
def initiative_end(request, pk):
    initiative = _owned_initiative(request, pk)
    services.end_initiative(initiative=initiative, by=request.user)
    messages.success(request, _("L'initiative est terminée ; elle n'apparaît plus comme en cours."))
    return redirect(initiative.shop.get_absolute_url())
