"""Pages of the guide of aids and of the points d'accueil. Reading is public; editing is for city staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from solidarite.accounts.roles import is_city_staff
from solidarite.rights import schema_org, services
from solidarite.rights.forms import AidForm, AidSearchForm, filter_aids
from solidarite.rights.models import Aid, AidPublic, AidRevision, AidTheme, Place, PlaceTheme
from solidarite.rights.vocabulary import THEMATIQUE_LABELS
from solidarite.shops import hours

PAGE_SIZE = 20


def _staff_only(request):
    if not is_city_staff(request.user):
        raise PermissionDenied(_("Réservé aux agent·es de la ville."))


def _with_codes(qs):
    return qs.prefetch_related(
        Prefetch("themes", queryset=AidTheme.objects.order_by("code")),
        Prefetch("publics", queryset=AidPublic.objects.order_by("code")),
    )


@require_GET
def aid_list(request):
    visible = Aid.objects.visible_to(request.user)
    used = set(AidTheme.objects.filter(aid__in=visible).values_list("code", flat=True).distinct())
    form = AidSearchForm(request.GET or None, used_themes=used)
    invalid = form.is_bound and not form.is_valid()
    filters = form.filters()
    # A filter we cannot read lists nothing rather than everything: the page says what to correct.
    qs = (visible.none() if invalid else filter_aids(visible, filters)).order_by("title", "pk")
    page = Paginator(_with_codes(qs), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "rights/aid_list.html",
        {
            "form": form,
            "page": page,
            "query": params.urlencode(),
            "filtered": bool(filters),
            "is_staff": is_city_staff(request.user),
            "today": timezone.localdate(),
        },
        status=400 if invalid else 200,
    )


def _helping_places(aid: Aid) -> list[Place]:
    """Places named for this aid, else places that help with one of its themes."""
    places = list(aid.places.published().order_by("name"))
    if aid.provider_id and aid.provider.is_published and aid.provider not in places:
        places.insert(0, aid.provider)
    if not places:
        codes = aid.theme_codes
        places = list(
            Place.objects.published()
            .filter(pk__in=PlaceTheme.objects.filter(code__in=codes).values("place_id"))
            .order_by("name")[:6]
        )
    return places


@require_GET
def aid_detail(request, slug):
    aid = get_object_or_404(
        _with_codes(Aid.objects.visible_to(request.user)).select_related("provider", "reviewer"), slug=slug
    )
    places = _helping_places(aid)
    is_staff = is_city_staff(request.user)
    return render(
        request,
        "rights/aid_detail.html",
        {
            "aid": aid,
            "places": places,
            "statuses": {place.pk: place.hours_status() for place in places},
            "overdue": aid.review_overdue(),
            "is_staff": is_staff,
            "jsonld": schema_org.aid_data(aid, request, places) if aid.is_published else None,
        },
    )


def _save_form(request, form):
    try:
        services.save_aid(
            aid=form.save(commit=False),
            by=request.user,
            themes=form.cleaned_data["themes"],
            publics=form.cleaned_data["publics"],
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None
    return form.instance


@login_required
def aid_create(request):
    _staff_only(request)
    form = AidForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and (aid := _save_form(request, form)):
            messages.success(request, _("Le dispositif est enregistré."))
            return redirect(aid.get_absolute_url())
        return render(request, "rights/aid_form.html", {"form": form, "aid": None}, status=400)
    return render(request, "rights/aid_form.html", {"form": form, "aid": None})


@login_required
def aid_edit(request, slug):
    _staff_only(request)
    aid = get_object_or_404(Aid, slug=slug)
    form = AidForm(request.POST or None, instance=aid)
    if request.method == "POST":
        if form.is_valid() and (saved := _save_form(request, form)):
            messages.success(request, _("La fiche est à jour."))
            return redirect(saved.get_absolute_url())
        aid = Aid.objects.get(pk=aid.pk)  # the form changed the instance in memory: show the stored one
        return render(request, "rights/aid_form.html", {"form": form, "aid": aid}, status=400)
    return render(request, "rights/aid_form.html", {"form": form, "aid": aid})


@login_required
@require_POST
def aid_reviewed(request, slug):
    _staff_only(request)
    aid = get_object_or_404(Aid, slug=slug)
    services.mark_reviewed(aid=aid, by=request.user)
    messages.success(request, _("Fiche marquée vérifiée aujourd'hui."))
    return redirect(aid.get_absolute_url())


@login_required
@require_GET
def aid_history(request, slug):
    _staff_only(request)
    aid = get_object_or_404(Aid, slug=slug)
    revisions = Paginator(AidRevision.objects.filter(aid=aid).select_related("by").order_by("-at", "-pk"), 50).get_page(
        request.GET.get("page")
    )
    labels = {field.name: field.verbose_name for field in Aid._meta.get_fields() if hasattr(field, "verbose_name")}
    labels.update({"themes": _("thèmes"), "publics": _("pour qui")})
    return render(request, "rights/aid_history.html", {"aid": aid, "page": revisions, "labels": labels})


@require_GET
def place_list(request):
    places = list(Place.objects.published().select_related("quartier").prefetch_related("themes"))
    now = timezone.now()
    statuses = {place.pk: place.hours_status(now) for place in places}
    return render(request, "rights/place_list.html", {"places": places, "statuses": statuses})


@require_GET
def place_detail(request, slug):
    qs = Place.objects.all() if is_city_staff(request.user) else Place.objects.published()
    place = get_object_or_404(qs.select_related("quartier", "association"), slug=slug)
    aids = list(
        Aid.objects.published().filter(Q(pk__in=place.aids.values("pk")) | Q(provider=place)).order_by("title", "pk")
    )
    return render(
        request,
        "rights/place_detail.html",
        {
            "place": place,
            "status": place.hours_status(),
            "week": hours.week(place.opening_hours),
            "aids": aids,
            "permanences": place.permanences.filter(is_active=True).order_by("title"),
            "themes": [THEMATIQUE_LABELS[code] for code in place.theme_codes if code in THEMATIQUE_LABELS],
            "jsonld": schema_org.place_data(place, request) if place.is_published else None,
            "is_staff": is_city_staff(request.user),
        },
    )
