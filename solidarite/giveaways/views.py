"""Pages of giveaways: the gifts on offer, offering, wishing, answering, handing over, reporting.
They work without JavaScript; the matched wisher hears of a new gift through their notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from solidarite.accounts.roles import can_post, is_city_staff, require_city_staff, require_poster
from solidarite.forms import error_text, show_service_error
from solidarite.giveaways import moderation, services
from solidarite.giveaways.forms import (
    DropForm,
    FilterForm,
    GiftForm,
    HandoverForm,
    ModerationForm,
    PhotoForm,
    ReportForm,
    WishForm,
)
from solidarite.giveaways.models import Gift, GiftMatch, GiftPhoto, GiftReport, Wish
from solidarite.giveaways.workflow import GIFT, MATCH, WISH
from solidarite.help.checks import CANNOT_POST, RateLimited
from solidarite.help.forms import LOCATION_ALIASES
from solidarite.help.workflow import REPORT


@require_GET
def gift_list(request):
    form = FilterForm(request.GET or None)
    gifts = Gift.objects.public().select_related("quartier").prefetch_related("photos")
    if form.is_valid():
        if form.cleaned_data["categorie"]:
            gifts = gifts.filter(category=form.cleaned_data["categorie"])
        if form.cleaned_data["quartier"]:
            gifts = gifts.filter(quartier=form.cleaned_data["quartier"])
    return render(
        request,
        "giveaways/list.html",
        {"form": form, "gifts": gifts[:60], "may_post": can_post(request.user)},
        status=200 if form.is_valid() or not request.GET else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def gift_new(request):
    require_poster(request.user, CANNOT_POST)
    form = GiftForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                with transaction.atomic():
                    gift = services.offer_gift(by=request.user, **form.service_kwargs())
                    if form.cleaned_data.get("photo"):
                        services.add_photo(
                            by=request.user,
                            gift=gift,
                            upload=form.cleaned_data["photo"],
                            alt_text=form.cleaned_data["alt_text"],
                        )
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES | {"file": "photo"})
            except RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            else:
                count = gift.matches.count()
                messages.success(
                    request,
                    _("Don publié : %(count)s personne(s) qui cherchai(en)t cet objet prévenue(s).") % {"count": count},
                )
                return redirect("giveaways:gift", pk=gift.pk)
    return render(request, "giveaways/gift_form.html", {"form": form}, status=status)


def _gift(request, pk) -> Gift:
    gift = get_object_or_404(Gift.objects.select_related("quartier", "giver", "dropped_at"), pk=pk)
    if not services.may_see_gift(gift, request.user):
        raise Http404
    return gift


@require_GET
def gift_detail(request, pk):
    gift = _gift(request, pk)
    user = request.user
    accepted = services.accepted_match(gift)
    details = services.may_see_details(gift, accepted, user)
    mine = (
        GiftMatch.objects.filter(gift=gift, wish__wisher=user).select_related("wish").first()
        if user.is_authenticated
        else None
    )
    is_giver = bool(user.is_authenticated and gift.giver_id == user.pk)
    steps = GIFT.available(gift, user)
    other = None
    if details:
        other = accepted.wish.wisher if is_giver else gift.giver
    return render(
        request,
        "giveaways/gift.html",
        {
            "gift": gift,
            "photos": gift.photos.all(),
            "safety_notice": services.safety_notice(gift.category),
            "steps": [s for s in steps if s.name in ("release", "withdraw")],
            "give_step": next((s for s in steps if s.name == "give"), None),
            "drop_step": next((s for s in steps if s.name == "drop"), None),
            "handover_form": HandoverForm(),
            "drop_form": DropForm(shops=services.ressourceries()),
            "photo_form": PhotoForm() if is_giver and GIFT.can(gift, "withdraw") else None,
            "is_giver": is_giver,
            "waiting": gift.matches.filter(status=GiftMatch.Status.PROPOSED).count() if is_giver else 0,
            "details": details,
            "contacts": services.contacts_of(other) if details else [],
            "mine": mine,
            "mine_steps": MATCH.available(mine, user) if mine else [],
            "may_report": can_post(user) and not is_giver,
        },
    )


@login_required
@require_POST
def gift_step(request, pk, step):
    gift = _gift(request, pk)
    found = GIFT.by_url_name(step)
    if found is None:
        raise Http404
    try:
        services.gift_step(
            by=request.user,
            gift=gift,
            step=found.name,
            weight_kg=request.POST.get("weight_kg"),
            shop=request.POST.get("shop"),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("giveaways:gift", pk=gift.pk)
    messages.success(request, _("C'est noté : %(label)s.") % {"label": found.label})
    return redirect("giveaways:gift", pk=gift.pk)


@login_required
@require_POST
def photo_add(request, pk):
    gift = _gift(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_photo(
                by=request.user, gift=gift, upload=form.cleaned_data["file"], alt_text=form.cleaned_data["alt_text"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Photo ajoutée."))
    else:
        if gift.giver_id != request.user.pk:
            raise PermissionDenied(_("Seul·e la personne qui donne l'objet ajoute des photos."))
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("giveaways:gift", pk=gift.pk)


@require_GET
def photo(request, pk, photo_pk, name):
    found = get_object_or_404(GiftPhoto.objects.select_related("gift"), pk=photo_pk, gift_id=pk)
    if found.file_name != name or not services.may_see_gift(found.gift, request.user):
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # A gift stops being public once promised: no shared cache keeps it.
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def wish_new(request):
    require_poster(request.user, CANNOT_POST)
    form = WishForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                wish, matches = services.post_wish(by=request.user, **form.service_kwargs())
            except ValidationError as error:
                show_service_error(form, error, aliases=LOCATION_ALIASES)
            except RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            else:
                messages.success(
                    request, _("Souhait publié : %(count)s don(s) proposé(s) maintenant.") % {"count": len(matches)}
                )
                return redirect("giveaways:wish", pk=wish.pk)
    return render(request, "giveaways/wish_form.html", {"form": form}, status=status)


def _own_wish(request, pk) -> Wish:
    wish = get_object_or_404(Wish.objects.select_related("quartier"), pk=pk)
    if wish.wisher_id != request.user.pk and not is_city_staff(request.user):
        raise Http404
    return wish


@login_required
@require_GET
def wish_detail(request, pk):
    wish = _own_wish(request, pk)
    matches = wish.matches.exclude(status=GiftMatch.Status.WITHDRAWN).select_related("gift__quartier")
    return render(
        request,
        "giveaways/wish.html",
        {
            "wish": wish,
            "steps": WISH.available(wish, request.user),
            "matches": [(m, MATCH.available(m, request.user)) for m in matches],
        },
    )


@login_required
@require_POST
def wish_close(request, pk):
    wish = _own_wish(request, pk)
    try:
        services.close_wish(by=request.user, wish=wish)
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("giveaways:wish", pk=wish.pk)


@login_required
@require_POST
def match_step(request, pk, step):
    match = get_object_or_404(GiftMatch.objects.involving(request.user).select_related("gift", "wish"), pk=pk)
    found = MATCH.by_url_name(step)
    if found is None:
        raise Http404
    try:
        services.answer_match(by=request.user, match=match, step=found.name)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("giveaways:wish", pk=match.wish_id)
    if found.name == "accept":
        messages.success(request, _("Ce don vous est réservé : voici où et quand le retirer."))
        return redirect("giveaways:gift", pk=match.gift_id)
    return redirect("giveaways:wish", pk=match.wish_id)


@login_required
@require_GET
def mine(request):
    user = request.user
    return render(
        request,
        "giveaways/mine.html",
        {
            "gifts": Gift.objects.by(user).select_related("quartier")[:100],
            "wishes": Wish.objects.by(user).select_related("quartier")[:100],
        },
    )


REPORT_TARGETS = {"don": Gift, "souhait": Wish}


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kind, pk):
    model = REPORT_TARGETS.get(kind)
    if model is None:
        raise Http404
    target = get_object_or_404(model, pk=pk)
    if model is Gift and not services.may_see_gift(target, request.user):
        raise Http404
    if model is Wish and not GiftMatch.objects.filter(wish=target, gift__giver=request.user).exists():
        raise Http404  # a wish is seen only by the givers it was matched with
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report(by=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Merci, l'équipe de modération va regarder."))
            return redirect("giveaways:list")
    return render(
        request, "giveaways/report.html", {"form": form, "target": target}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def moderation_list(request):
    require_city_staff(request.user)
    reports = moderation.open_reports()
    return render(
        request,
        "giveaways/moderation.html",
        {
            "reports": [(r, REPORT.available(r, request.user)) for r in reports[:100]],
            "form": ModerationForm(),
        },
    )


@login_required
@require_POST
def moderate(request, pk, action):
    require_city_staff(request.user)
    found = get_object_or_404(GiftReport, pk=pk)
    form = ModerationForm(request.POST)
    form.is_valid()
    try:
        moderation.moderate(report=found, by=request.user, action=action, note=form.cleaned_data.get("note", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Décision enregistrée."))
    return redirect("giveaways:moderation")
