"""Pages of the surplus offers: a shop's owner offers, an épicerie's managers see the matched offers
live (their notifications) and accept; managers keep their needs list. No JavaScript needed."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.grocery import stock, surplus
from solidarite.grocery.models import Grocery
from solidarite.grocery.roles import require_manager
from solidarite.grocery.surplus_models import Category, StockMove, SurplusMatch, SurplusOffer
from solidarite.shops.models import Shop


class OfferForm(forms.Form):
    shop = forms.ModelChoiceField(label=gettext_lazy("Commerce"), queryset=Shop.objects.none())
    category = forms.ChoiceField(label=gettext_lazy("Catégorie"), choices=Category.choices)
    what = forms.CharField(label=gettext_lazy("Quoi"), max_length=200)
    kg = forms.DecimalField(label=gettext_lazy("Poids (kg)"), min_value=0.1, max_value=5000, decimal_places=1)
    until = forms.DateTimeField(
        label=gettext_lazy("À récupérer avant le"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    pickup = forms.CharField(label=gettext_lazy("Où et comment le récupérer"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].queryset = Shop.objects.owned_by(user)
        self.fields["until"].initial = (timezone.localtime() + dt.timedelta(hours=6)).replace(second=0, microsecond=0)


@login_required
@require_GET
def surplus_list(request):
    """A shopkeeper's own offers, and a manager's matched open offers, each with the steps they may take."""
    own = surplus.read_roles(
        SurplusOffer.objects.filter(shop__in=Shop.objects.owned_by(request.user)).select_related(
            "shop", "accepted_by", "collection"
        )[:50],
        request.user,
    )
    matched = list(
        SurplusMatch.objects.filter(grocery__managers=request.user, offer__status=SurplusOffer.Status.OPEN)
        .select_related("offer__shop", "grocery")
        .order_by("-score")[:50]
    )
    surplus.read_roles([m.offer for m in matched], request.user)
    return render(
        request,
        "grocery/surplus.html",
        {
            "own": [(offer, surplus.SURPLUS.available(offer, request.user)) for offer in own],
            "matched": [(m, surplus.SURPLUS.available(m.offer, request.user)) for m in matched],
            "may_offer": Shop.objects.owned_by(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def surplus_new(request):
    if not Shop.objects.owned_by(request.user).exists():
        raise PermissionDenied(_("Réservé aux commerçant·es d'un commerce vérifié."))
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            offer = surplus.offer_surplus(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = offer.matches.count()
            messages.success(request, _("Offre publiée : %(count)s épicerie(s) prévenue(s).") % {"count": count})
            return redirect("grocery:surplus")
    return render(request, "grocery/surplus_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def surplus_step(request, pk, step):
    offer = get_object_or_404(SurplusOffer.objects.select_related("shop"), pk=pk)
    found = surplus.SURPLUS.by_url_name(step)
    if found is None:
        return redirect("grocery:surplus")
    # A manager of two matched épiceries accepts for the one whose button was pressed.
    chosen = request.POST.get("epicerie", "")
    grocery = Grocery.objects.filter(pk=chosen).first() if chosen.isdigit() and len(chosen) < 19 else None
    try:
        surplus.take(by=request.user, offer=offer, step=found.name, grocery=grocery)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("C'est noté."))
    return redirect("grocery:surplus")


@login_required
@require_http_methods(["GET", "POST"])
def needs(request, slug):
    """The épicerie's current needs list: the categories its shops' surplus is matched against."""
    grocery = get_object_or_404(Grocery, slug=slug)
    require_manager(grocery, request.user)
    errors = []
    if request.method == "POST":
        try:
            surplus.set_needs(by=request.user, grocery=grocery, categories=request.POST.getlist("category"))
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Besoins enregistrés."))
            return redirect("grocery:needs", slug=grocery.slug)
    current = set(grocery.needs.values_list("category", flat=True))
    return render(
        request,
        "grocery/needs.html",
        {"grocery": grocery, "categories": Category.choices, "current": current, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def stock_page(request, slug):
    """Stock in and out by category and kg; the month's balance."""
    grocery = get_object_or_404(Grocery, slug=slug)
    require_manager(grocery, request.user)
    errors = []
    if request.method == "POST":
        try:
            stock.record(
                by=request.user,
                grocery=grocery,
                category=request.POST.get("category", ""),
                kg=request.POST.get("kg", ""),
                source=request.POST.get("source", ""),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Mouvement enregistré."))
            return redirect("grocery:stock", slug=grocery.slug)
    return render(
        request,
        "grocery/stock.html",
        {
            "grocery": grocery,
            "balance": stock.month_balance(grocery),
            "categories": Category.choices,
            "sources": StockMove.Source.choices,
            "recent": grocery.stock_moves.all()[:30],
            "errors": errors,
            # What was typed, shown again after a refusal (empty on a first visit).
            "posted": {field: request.POST.get(field, "") for field in ("category", "source", "kg")},
        },
        status=400 if errors else 200,
    )
