"""Staff describe gardens, plots, orchards and trees here. The waiting lists, offers and allocations are
read-only: they change only through the services (turn, locks, notices)."""

from django.contrib import admin

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.gardens.models import (
    Allocation,
    Application,
    Follow,
    Garden,
    Offer,
    OfferLog,
    Orchard,
    Plot,
    Ripeness,
    Tree,
)
from solidarite.places.admin import MapPickerAdmin


class PlotInline(admin.TabularInline):
    model = Plot
    extra = 1
    # A plot's state follows its offers and allocations: set only at creation (free by default).
    readonly_fields = ["status"]


@admin.register(Garden)
class GardenAdmin(MapPickerAdmin):
    list_display = ["name", "kind", "association", "quartier", "is_active"]
    list_filter = ["kind", "is_active", "quartier"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["association"]
    filter_horizontal = ["priority_quartiers"]
    raw_id_fields = ["actions"]
    inlines = [PlotInline]


class TreeInline(admin.TabularInline):
    model = Tree
    extra = 1


@admin.register(Orchard)
class OrchardAdmin(MapPickerAdmin):
    list_display = ["name", "association", "quartier", "is_active"]
    search_fields = ["name", "address"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["association"]
    raw_id_fields = ["actions"]
    inlines = [TreeInline]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["garden", "status", "quartier", "created_at", "queued_at"]
    list_filter = ["status", "garden"]
    search_fields = ["garden__name"]


@admin.register(Offer)
class OfferAdmin(AuditAdmin):
    list_display = ["plot", "status", "created_at", "deadline"]
    list_filter = ["status"]
    search_fields = ["plot__garden__name", "plot__number"]


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ["plot", "season", "fee", "agreement_signed_on", "ended_at"]
    search_fields = ["plot__garden__name", "plot__number"]


@admin.register(Plot)
class PlotAdmin(admin.ModelAdmin):
    list_display = ["garden", "number", "area_m2", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["garden__name", "number"]
    readonly_fields = ["status"]


@admin.register(Tree)
class TreeAdmin(MapPickerAdmin):
    list_display = ["name", "species", "orchard", "season_from", "season_to", "ease"]
    search_fields = ["name", "species", "fruit", "orchard__name"]


@admin.register(OfferLog)
class OfferLogAdmin(AuditAdmin):
    list_display = ["offer", "name", "from_state", "to_state", "at"]
    search_fields = ["offer__plot__garden__name"]


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    list_display = ["orchard", "created_at"]
    search_fields = ["orchard__name"]


@admin.register(Ripeness)
class RipenessAdmin(ReadOnlyAdmin):
    list_display = ["orchard", "fruit", "at"]
    search_fields = ["orchard__name", "fruit"]
