"""Directory pages: thin views that parse, check permission, call services, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from associations.directory import editing, page_sections, pages, schema_org
from associations.directory.forms import (
    AssociationForm,
)
from associations.directory.models import (
    Action,
    Association,
)
from associations.directory.page_access import managed_association, render_invalid, visible_association
from associations.directory.queries import filtered_associations
from associations.directory.tagging import attach_tags
from solidarite.accounts.roles import can_post, is_city_staff
from solidarite.forms import show_service_error
from solidarite.fragments.cache import LISTINGS, cached_part

PAGE_SIZE = 24


def map_settings() -> dict:
    lat, lon = settings.TOWN_CENTER
    return {
        "lat": str(lat),
        "lon": str(lon),
        "tiles": settings.MAP_TILES_URL,
        "attribution": settings.MAP_TILES_ATTRIBUTION,
    }


def directory(request):
    map_view = request.GET.get("vue") == "carte"
    listing = cached_part(request, area=LISTINGS, render=lambda: _directory_listing(request.GET, map_view=map_view))
    return render(
        request,
        "directory/directory.html",
        {"listing": listing, "map_view": map_view, "can_request": can_post(request.user)},
    )


def _directory_listing(params, *, map_view: bool) -> str:
    form, qs = filtered_associations(params)
    qs = qs.select_related("quartier").order_by("name", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(params.get("page"))
    page.object_list = attach_tags(page.object_list, Association)
    markers = [
        {"name": a.name, "url": a.get_absolute_url(), "lat": a.latitude, "lon": a.longitude}
        for a in page.object_list
        if a.latitude is not None
    ]
    query = params.copy()
    query.pop("page", None)
    query.pop("vue", None)
    return render_to_string(
        "directory/_directory_listing.html",
        {
            "form": form,
            "page": page,
            "map_view": map_view,
            "markers": markers,
            "map": map_settings(),
            "query": query.urlencode(),
        },
    )


def association_detail(request, slug):
    merged = Association.objects.filter(slug=slug, merged_into__isnull=False).select_related("merged_into").first()
    if merged and merged.merged_into.merged_into_id is None:
        return redirect(merged.merged_into, permanent=True)
    association = visible_association(request, slug)
    now = timezone.now()
    actions = attach_tags(
        association.actions.published().upcoming(now).select_related("association", "quartier"), Action
    )
    for action in actions:
        action.next_occurrence = action.next_start(now)
    actions.sort(key=lambda a: a.next_occurrence or a.starts_at)
    is_manager = editing.can_manage(request.user, association)
    return render(
        request,
        "directory/association_detail.html",
        {
            "association": association,
            "tags": list(association.tags.all()),
            "actions": actions,
            "is_manager": is_manager,
            "is_staff": is_city_staff(request.user),
            "jsonld": schema_org.organization(association, actions[:10]),
            **page_sections.context_for(association),
        },
    )


@login_required
def association_request(request):
    if not can_post(request.user):
        raise PermissionDenied
    form = AssociationForm(request.POST or None, initial={"city": "Rezé", "postal_code": "44400"})
    if request.method == "POST":
        if form.is_valid():
            try:
                association = pages.request_association(by=request.user, **form.service_fields())
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("Merci ! La page est créée ; la ville la vérifiera prochainement."))
                return redirect(association)
        return render_invalid(request, "directory/association_form.html", {"form": form, "association": None})
    return render(request, "directory/association_form.html", {"form": form, "association": None})


@login_required
def association_edit(request, slug):
    association = managed_association(request, slug)
    form = AssociationForm(request.POST or None, instance=Association.objects.get(pk=association.pk))
    if request.method == "POST":
        if form.is_valid():
            try:
                pages.update_association(association=association, by=request.user, **form.service_fields())
            except ValidationError as error:
                show_service_error(form, error)
            else:
                messages.success(request, _("La page est à jour."))
                return redirect(association)
        return render_invalid(request, "directory/association_form.html", {"form": form, "association": association})
    return render(request, "directory/association_form.html", {"form": form, "association": association})
