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

from solidarite.accounts.roles import require_city_staff, require_poster
from solidarite.fragments.cache import HELP, cached_part
from solidarite.help import checks, conversations, expiry, matches, offers, reporting, requests
from solidarite.help.forms import (
    DoneForm,
    HelpOfferForm,
    HelpRequestEditForm,
    HelpRequestForm,
    MessageForm,
    ModerationForm,
    ReportForm,
    split_tags,
)
from solidarite.help.models import Category, HelpOffer, HelpRequest, Match, Message, Report
from solidarite.help.workflow import MATCH, OFFER, REQUEST, side_of
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
                form.add_service_errors(error)
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
                form.add_service_errors(error)
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
                form.add_service_errors(error)
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
        messages.error(request, " ".join(error.messages))
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
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Votre proposition est %(state)s.") % {"state": offer.get_status_display()})
    return redirect("help:offer", offer.pk)


def _match_for(user, pk) -> Match:
    """A match, for its two sides only: anyone else gets a 404 (they must not learn it exists)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Match.objects.involving(user).select_related(
            "request__category", "request__quartier", "request__author", "offer__author", "offer__quartier"
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def match_detail(request, pk):
    match = _match_for(request.user, pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                conversations.send_message(match=match, by=request.user, body=form.cleaned_data["body"])
            except ValidationError as error:
                form.add_service_errors(error)
            except checks.RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            else:
                return redirect(reverse("help:match", args=[match.pk]) + "#conversation")
    conversation = list(match.messages.select_related("author")) if match.conversation_open else []
    return render(
        request,
        "help/match_detail.html",
        {
            "match": match,
            "side": side_of(match, request.user),
            "transitions": MATCH.available(match, request.user),
            "contacts": matches.contacts_for(match, request.user),
            "conversation": conversation,
            "form": form,
            "done_form": DoneForm(),
        },
        status=status,
    )


@login_required
@require_POST
def match_transition(request, pk, name):
    match = _match_for(request.user, pk)
    if MATCH.step(name) is None:
        raise Http404
    try:
        matches.transition(
            match=match,
            by=request.user,
            name=name,
            reason=request.POST.get("reason", "")[:300],
            thanks=request.POST.get("thanks", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("help:match", match.pk)
    messages.success(request, _("C'est noté."))
    return redirect("help:match", match.pk)


def _report_target(user, kind, pk):
    if kind == "demande":
        return get_object_or_404(HelpRequest.objects.visible_to(user), pk=pk)
    if kind == "proposition":
        return get_object_or_404(HelpOffer.objects.visible_to(user), pk=pk)
    if kind == "message":
        message = get_object_or_404(Message.objects.select_related("match"), pk=pk)
        _match_for(user, message.match_id)  # only the two sides can see (hence report) a message
        return message
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request, kind, pk):
    target = _report_target(request.user, kind, pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                reporting.report(by=request.user, target=target, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Merci, l'équipe de la ville va regarder."))
                return redirect("help:feed")
    return render(request, "help/report_form.html", {"form": form, "kind": kind, "target": target}, status=status)


@login_required
@require_http_methods(["GET"])
def moderation(request):
    require_city_staff(request.user)
    reports = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "request__author", "offer__author", "message__author"
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "help/moderation.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request, pk):
    require_city_staff(request.user)
    report = get_object_or_404(Report.objects.select_related("request", "offer", "message"), pk=pk)
    form = ModerationForm(request.POST or None)
    if request.method == "GET":
        return render(request, "help/moderate_form.html", {"form": form, "report": report})
    if form.is_valid():
        try:
            reporting.moderate(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Décision enregistrée ; la personne est prévenue."))
            return redirect("help:moderation")
    return render(request, "help/moderate_form.html", {"form": form, "report": report}, status=400)
