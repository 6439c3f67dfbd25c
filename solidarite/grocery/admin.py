"""Admin: épiceries (managers named by staff) and prescribers. Households are pseudonymous and are
only shown, never edited here: orientations go through the prescribers' pages (and their log)."""

from django.contrib import admin

from solidarite.grocery.models import Grocery, Orientation, Prescriber


@admin.register(Grocery)
class GroceryAdmin(admin.ModelAdmin):
    list_display = ["name", "run_by", "unit", "slot_capacity", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers", "volunteers"]


@admin.register(Prescriber)
class PrescriberAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "kind", "granted_at", "revoked_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "granted_by"]
    search_fields = ["organisation", "user__email"]


@admin.register(Orientation)
class OrientationAdmin(admin.ModelAdmin):
    list_display = ["household", "starts_on", "ends_on", "status", "prescriber"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
