"""Pages of the places of digital help: the list and the map (filters, nearest first, no JavaScript
needed), a place's page (services, hours in words, next digital-help appointment), marking and editing
a place (staff and the place's managers), and the national open-data export (JSON and CSV).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from solidarite.digital import mednum, search, services, venues
from solidarite.digital.forms import MarkForm, PlaceForm, SearchForm
from solidarite.digital.models import DigitalPlace, DigitalPlaceChange
from solidarite.forms import show_service_error

PAGE_SIZE = 20
MAP_LIMIT = 500


def _search(request, **kwargs):
    """(form, filters, origin label) from the query string; a signed-in person with a quartier starts
    from it when they gave no point (they can choose another)."""
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None, ""
    filters = form.filters() if form.is_bound else {"services": [], "quartier": None, "origin": None}
    label = ""
    if form.is_bound and form.cleaned_data.get("lat") is not None:
        label = _("du point donné")
    elif form.is_bound and form.cleaned_data.get("quartier"):
        label = _("du centre du quartier %(name)s") % {"name": form.cleaned_data["quartier"].name}
    elif request.user.is_authenticated and getattr(request.user, "quartier_id", None):
        filters["origin"] = request.user.quartier.center
        label = _("du centre de votre quartier (%(name)s)") % {"name": request.user.quartier.name}
    return form, filters, label


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and 0 < len(value) < 6 and int(value) > 0 else 1


@require_GET
def place_list(request):
    form, filters, origin_label = _search(request)
    context = {"form": form, "origin_label": origin_label, "may_mark": bool(venues.choices_for(request.user))}
    if filters is None:
        return render(request, "digital/list.html", context, status=400)
    page = _page_number(request)
    total, found = search.nearest(**filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        found=found,
        total=total,
        page=page,
        has_next=page * PAGE_SIZE < total,
        query=params.urlencode(),
        with_permanences=search.with_permanences([f.place for f in found]),
    )
    return render(request, "digital/list.html", context)


@require_GET
def place_map(request):
    form, filters, origin_label = _search(request)
    context = {"form": form, "origin_label": origin_label}
    if filters is None:
        return render(request, "digital/map.html", context, status=400)
    total, found = search.map_points(**filters, limit=MAP_LIMIT)
    markers = [{"lat": p.latitude, "lon": p.longitude, "name": p.name, "url": p.url} for p in found]
    context.update(
        found=found,
        truncated=total > MAP_LIMIT,
        query=request.GET.urlencode(),
        markers=markers,
        tiles_url=settings.MAP_TILES_URL,
        tiles_attribution=settings.MAP_TILES_ATTRIBUTION,
        center=settings.TOWN_CENTER,
    )
    return render(request, "digital/map.html", context)


def _place_for(request, pk) -> DigitalPlace:
    """The place if it is public, or if this person may edit it (a draft); else 404."""
    place = get_object_or_404(DigitalPlace.objects.select_related(*venues.RELATED), pk=pk)
    if DigitalPlace.objects.public().filter(pk=pk).exists() or venues.can_manage(request.user, place.target):
        return place
    raise Http404


@require_GET
def place_detail(request, pk):
    place = _place_for(request, pk)
    venue = venues.venue(place)
    return render(
        request,
        "digital/detail.html",
        {
            "place": place,
            "venue": venue,
            "hours": place.opening_hours or venue.opening_hours,
            "own_hours": bool(place.opening_hours),
            "permanences": search.next_free_slots(place),
            "may_edit": venues.can_manage(request.user, place.target),
            "is_public": DigitalPlace.objects.public().filter(pk=pk).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request):
    if not venues.choices_for(request.user):
        raise PermissionDenied(
            _(
                "Vous ne gérez aucun lieu à présenter : seul·es les agent·es de la ville, les "
                "responsables d'une association et les commerçant·es vérifié·es le peuvent."
            )
        )
    form = MarkForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.mark(obj=form.cleaned_data["lieu"], by=request.user, data=form.service_data())
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Le lieu est présenté comme lieu d'aide au numérique."))
            return redirect(place)
    return render(request, "digital/form.html", {"form": form, "place": None}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request, pk):
    place = get_object_or_404(DigitalPlace.objects.select_related(*venues.RELATED), pk=pk)
    if not venues.can_manage(request.user, place.target):
        raise PermissionDenied(
            _("Seul·es les agent·es de la ville et les responsables de ce lieu peuvent le modifier.")
        )
    form = PlaceForm(request.POST or None, instance=place, initial={"publics": place.publics, "support": place.support})
    if request.method == "POST" and form.is_valid():
        try:
            services.update(place=place, by=request.user, data=form.service_data())
        except ValidationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect(place)
    changes = DigitalPlaceChange.objects.filter(place=place).select_related("by")[:20]
    return render(
        request,
        "digital/form.html",
        {"form": form, "place": place, "venue": venues.venue(place), "changes": changes},
        status=400 if form.errors else 200,
    )


def _export():
    return mednum.rows(settings.SITE_URL)[0]


@require_GET
def export_json(request):
    response = JsonResponse(_export(), safe=False, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def export_csv(request):
    response = HttpResponse(mednum.to_csv(_export()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lieux-mediation-numerique.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
