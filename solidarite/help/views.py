"""Pages of neighbourhood help. They parse, check who may see what, call the module of the use case
(``requests``, ``offers``, ``matches``…), render.

Everything works without JavaScript; ``static/help/*.js`` adds the map and the live updates.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from solidarite.accounts.roles import require_poster
from solidarite.forms import error_text, show_service_error
from solidarite.fragments.cache import HELP, cached_part
from solidarite.help import checks, expiry, offers, requests
from solidarite.help.forms import (
    LOCATION_ALIASES,
    HelpOfferForm,
    HelpRequestEditForm,
    HelpRequestForm,
    split_tags,
)
from solidarite.help.models import Category, HelpOffer, HelpRequest, Match
from solidarite.help.workflow import MATCH, OFFER, REQUEST
from solidarite.places.models import Quartier

PAGE_SIZE = 30


def _map_context():
    return {"map_tiles_url": settings.MAP_TILES_URL, "map_attribution": settings.MAP_TILES_ATTRIBUTION}


def _markers(posts, kind):
    # Public points only: the exact point never reaches the page.
    return [
        {
            "lat": p.public_latitude,
            "lon": p.public_longitude,
            "label": f"{p.quartier.name} — {p.author_name}",
            "url": reverse(f"help:{kind}", args=[p.pk]),
            "kind": kind,
        }
        for p in posts
    ]


def _filters(params, qs, *, category_field):
    category = params.get("categorie", "")
    quartier = params.get("quartier", "")
    if category:
        qs = qs.filter(**{f"{category_field}__slug": category})
    if quartier:
        qs = qs.filter(quartier__slug=quartier)
    return qs, {"categorie": category, "quartier": quartier}


def _filter_context():
    return {"categories": list(Category.objects.filter(active=True)), "quartiers": list(Quartier.objects.all())}


@require_http_methods(["GET"])
def feed(request):
    return _feed(request, "request")


@require_http_methods(["GET"])
def offer_feed(request):
    return _feed(request, "offer")


def _feed(request, kind):
    listing = cached_part(request, area=HELP, render=lambda: _feed_listing(request.GET, kind))
    return render(request, "help/feed.html", {"kind": kind, "listing": listing})


def _feed_listing(params, kind) -> str:
    if kind == "request":
        qs = HelpRequest.objects.public().select_related("category", "quartier", "author")
        qs, chosen = _filters(params, qs, category_field="category")
    else:
        qs = HelpOffer.objects.public().select_related("quartier", "author").prefetch_related("categories")
        qs, chosen = _filters(params, qs, category_field="categories")
        qs = qs.distinct()
    page = Paginator(qs.order_by("-created_at"), PAGE_SIZE).get_page(params.get("page"))
    return render_to_string(
        "help/_feed_listing.html",
        {
            "page": page,
            "kind": kind,
            "chosen": chosen,
            "markers": _markers(page, kind),
            **_filter_context(),
            **_map_context(),
        },
    )


def _published(request, post):
    messages.success(request, _("C'est publié. Nous cherchons des voisin·es qui correspondent."))
    return redirect("help:request" if isinstance(post, HelpRequest) else "help:offer", post.pk)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    require_poster(request.user, checks.CANNOT_POST)
    form = HelpRequestForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                help_request = requests.post_request(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES)
            except checks.RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            else:
                return _published(request, help_request)
    return render(request, "help/request_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_new(request):
    require_poster(request.user, checks.CANNOT_POST)
    form = HelpOfferForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                offer = offers.post_offer(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES)
            except checks.RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            else:
                return _published(request, offer)
    return render(request, "help/offer_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET"])
def my_posts(request):
    requests_ = (
        HelpRequest.objects.by(request.user)
        .select_related("category", "quartier")
        .prefetch_related(Prefetch("matches", Match.objects.select_related("offer__author")))
    )
    offers = (
        HelpOffer.objects.by(request.user)
        .select_related("quartier")
        .prefetch_related(
            "categories",
            Prefetch("matches", Match.objects.select_related("request__category", "request__quartier")),
        )
    )
    return render(request, "help/my_posts.html", {"requests": requests_[:100], "offers": offers[:100]})


def _visible_request(user, pk) -> HelpRequest:
    help_request = get_object_or_404(
        HelpRequest.objects.visible_to(user).select_related("category", "quartier", "author"), pk=pk
    )
    return expiry.expire_request_if_due(help_request)


@require_http_methods(["GET"])
def request_detail(request, pk):
    help_request = _visible_request(request.user, pk)
    is_author = request.user.is_authenticated and help_request.author_id == request.user.pk
    matches = []
    my_match = None
    accepted_match = None
    if is_author:
        matches = list(help_request.matches.select_related("offer__author").order_by("-score"))
        # A met request is not closed: its author ends it on the accepted match (done or withdrawn).
        accepted_match = next((m for m in matches if MATCH.can(m, "mark_done")), None)
    elif request.user.is_authenticated:
        my_match = help_request.matches.filter(offer__author=request.user).first()
    return render(
        request,
        "help/request_detail.html",
        {
            "post": help_request,
            "is_author": is_author,
            "matches": matches,
            "my_match": my_match,
            "accepted_match": accepted_match,
            "actions": {step.name for step in REQUEST.available(help_request, request.user)},
            "markers": _markers([help_request], "request"),
            **_map_context(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request, pk):
    help_request = get_object_or_404(HelpRequest.objects.by(request.user), pk=pk)
    initial = {
        "description": help_request.description,
        "tags": ", ".join(sorted(help_request.tags.names())),
        "urgency": help_request.urgency,
    }
    form = HelpRequestEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                requests.update_request(
                    help_request=help_request,
                    by=request.user,
                    description=form.cleaned_data["description"],
                    urgency=form.cleaned_data["urgency"],
                    tags=split_tags(form.cleaned_data["tags"]),
                )
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES)
            else:
                messages.success(request, _("Votre demande est modifiée."))
                return redirect("help:request", help_request.pk)
    return render(request, "help/request_edit.html", {"form": form, "post": help_request}, status=status)


@login_required
@require_POST
def request_close(request, pk):
    help_request = get_object_or_404(HelpRequest.objects.visible_to(request.user), pk=pk)
    try:
        requests.close_request(help_request=help_request, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("help:request", help_request.pk)
    messages.success(request, _("Votre demande est fermée."))
    return redirect("help:my_posts")


@require_http_methods(["GET"])
def offer_detail(request, pk):
    offer = get_object_or_404(
        HelpOffer.objects.visible_to(request.user).select_related("quartier", "author").prefetch_related("categories"),
        pk=pk,
    )
    is_author = request.user.is_authenticated and offer.author_id == request.user.pk
    return render(
        request,
        "help/offer_detail.html",
        {
            "post": offer,
            "is_author": is_author,
            "actions": OFFER.available(offer, request.user),
            "markers": _markers([offer], "offer"),
            **_map_context(),
        },
    )


@login_required
@require_POST
def offer_status(request, pk, action):
    offer = get_object_or_404(HelpOffer.objects.visible_to(request.user), pk=pk)
    step = OFFER.by_url_name(action)
    if step is None:
        raise Http404
    try:
        offers.offer_transition(offer=offer, by=request.user, name=step.name)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Votre proposition est %(state)s.") % {"state": offer.get_status_display()})
    return redirect("help:offer", offer.pk)
