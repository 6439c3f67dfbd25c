"""Public pages of the épicerie and the household's space, reached by its code alone.

No account and no JavaScript: the household types its code (a POST, rate-limited per address); the
session then remembers which household it is until it leaves or the browser closes. The code itself
is never put in a URL (it would sit in logs and histories).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.accounts.throttle import client_address
from solidarite.grocery import baskets, services, slots
from solidarite.grocery.datainclusion import THEME as FOOD_THEME
from solidarite.grocery.forms import CodeForm
from solidarite.grocery.models import Allergen, Basket, Grocery, Household
from solidarite.rights.models import Aid

SESSION_KEY = "grocery_household"


@require_GET
def grocery_list(request):
    return render(request, "grocery/list.html", {"groceries": Grocery.objects.filter(is_active=True)})


def food_aids():
    """The guide of aids' published aids on food (the épicerie's own data·inclusion thematique): the page
    links them, and the guide filtered on that thematique, when the guide has some; otherwise no link."""
    return list(Aid.objects.published().with_theme(FOOD_THEME).order_by("title", "pk").only("slug", "title")[:5])


@require_GET
def grocery_detail(request, slug):
    grocery = get_object_or_404(Grocery, slug=slug, is_active=True)
    return render(
        request,
        "grocery/detail.html",
        {
            "grocery": grocery,
            "food_aids": food_aids(),
            "food_theme": FOOD_THEME,
            "days": slots.by_day(slots.slots(grocery)),
            "is_manager": grocery.is_manager(request.user),
            "is_till": grocery.is_till(request.user),
        },
    )


def _household(request) -> Household | None:
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        # A household that linked its account finds its space without typing the code.
        if request.user.is_authenticated:
            return Household.objects.select_related("grocery").filter(account=request.user).first()
        return None
    return Household.objects.select_related("grocery").filter(pk=pk).first()


@require_http_methods(["GET", "POST"])
def access(request):
    """The household types its code; a right code opens its space for this browser session."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.find_household(form.cleaned_data["code"], who=client_address(request))
        except ValidationError as error:
            form.add_error("code", error)
        else:
            request.session.cycle_key()
            request.session[SESSION_KEY] = household.pk
            return redirect("grocery:space")
    if request.method == "GET" and _household(request) is not None:
        return redirect("grocery:space")
    return render(request, "grocery/access.html", {"form": form}, status=400 if form.errors else 200)


@require_GET
def space(request):
    household = _household(request)
    if household is None:
        return redirect("grocery:access")
    card = services.card(household)
    grocery = household.grocery
    upcoming = list(slots.upcoming(household))  # one at a time (slots.book)
    return render(
        request,
        "grocery/space.html",
        {
            "household": household,
            "grocery": grocery,
            "card": card,
            "valid_until": services.valid_until_text(card.valid_until) if card.valid else "",
            "left": services.amount_text(grocery, card.left),
            "allowance": services.amount_text(grocery, card.allowance),
            "bookings": [
                (b, slots.slot_text(b.start, b.end), Basket.objects.filter(booking=b).first()) for b in upcoming
            ],
            "in_stock": baskets.in_stock(grocery) if upcoming else [],
            "allergens": Allergen.choices,
            "days": slots.by_day(slots.slots(grocery)) if card.valid else [],
        },
    )


@require_POST
def space_book(request):
    household = _household(request)
    if household is None:
        return redirect("grocery:access")
    try:
        booking = slots.book(household=household, start=slots.parse_start(request.POST.get("debut", "")))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Créneau réservé : %(slot)s.") % {"slot": slots.slot_text(booking.start, booking.end)}
        )
    return redirect("grocery:space")


@require_POST
def space_cancel(request, pk):
    household = _household(request)
    if household is None:
        return redirect("grocery:access")
    try:
        slots.cancel(household=household, booking_id=pk)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Créneau annulé : il est libre pour un autre foyer."))
    return redirect("grocery:space")


@require_POST
def space_basket(request, pk):
    """The household prepares (or removes) the basket of its upcoming slot."""
    household = _household(request)
    if household is None:
        return redirect("grocery:access")
    try:
        if "retirer" in request.POST:
            baskets.remove(household=household, booking_id=pk)
            done = _("Panier retiré : l'épicerie ne le prépare plus.")
        else:
            baskets.prepare(
                household=household,
                booking_id=pk,
                categories=request.POST.getlist("categories"),
                allergens=request.POST.getlist("allergies"),
                consent=request.POST.get("accord") == "oui",
            )
            done = _("Panier enregistré : l'épicerie le prépare pour votre créneau.")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect("grocery:space")


@require_POST
def space_link(request):
    """The household links this account (signed in) or unlinks it, and sets or clears its contact."""
    household = _household(request)
    if household is None:
        return redirect("grocery:access")
    link = request.POST.get("compte") == "lier"
    try:
        services.set_household_link(
            household=household,
            user=request.user if link and request.user.is_authenticated else None,
            contact=request.POST.get("contact", household.contact),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("C'est enregistré."))
    return redirect("grocery:space")


@require_POST
def space_leave(request):
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("Vous êtes sorti·e de votre espace. Gardez bien votre code."))
    return redirect("grocery:access")
