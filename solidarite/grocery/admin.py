"""Admin: épiceries (managers named by staff), prescribers, surplus and needs. Households, orientations,
visits, spends and bookings are pseudonymous and only shown, never edited here: orientations go through
the prescribers' pages (and their log), visits through the till."""

from django.contrib import admin

from solidarite.admin_bases import ReadOnlyAdmin
from solidarite.grocery.models import (
    Grocery,
    Household,
    MonthlySpend,
    Need,
    Orientation,
    OrientationLog,
    Prescriber,
    SlotBooking,
    StockMove,
    SurplusMatch,
    SurplusOffer,
    Visit,
)


@admin.register(Grocery)
class GroceryAdmin(admin.ModelAdmin):
    list_display = ["name", "run_by", "unit", "slot_capacity", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers", "volunteers"]
    autocomplete_fields = ["collecting_association"]
    search_fields = ["name", "run_by", "address"]


@admin.register(Prescriber)
class PrescriberAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "kind", "granted_at", "revoked_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "granted_by"]
    search_fields = ["organisation", "user__email"]


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "grocery", "size_band", "created_at"]
    list_filter = ["size_band"]
    search_fields = ["code_hint"]
    exclude = ["code_hash", "contact", "account"]


@admin.register(Orientation)
class OrientationAdmin(ReadOnlyAdmin):
    list_display = ["household", "starts_on", "ends_on", "status", "prescriber"]
    list_filter = ["status"]
    search_fields = ["household__code_hint", "prescriber__organisation"]


@admin.register(OrientationLog)
class OrientationLogAdmin(ReadOnlyAdmin):
    list_display = ["orientation", "name", "from_state", "to_state", "at"]
    search_fields = ["name", "orientation__household__code_hint"]


@admin.register(MonthlySpend)
class MonthlySpendAdmin(ReadOnlyAdmin):
    list_display = ["household", "month", "allowance", "spent"]
    search_fields = ["household__code_hint"]


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ["grocery", "at", "amount", "size_band"]
    list_filter = ["size_band"]
    search_fields = ["grocery__name"]
    exclude = ["household", "by"]


@admin.register(SlotBooking)
class SlotBookingAdmin(ReadOnlyAdmin):
    list_display = ["grocery", "start", "status"]
    list_filter = ["status"]
    search_fields = ["grocery__name"]
    exclude = ["household"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["grocery", "category", "kg_per_week", "updated_at"]
    search_fields = ["grocery__name"]


@admin.register(SurplusOffer)
class SurplusOfferAdmin(ReadOnlyAdmin):
    list_display = ["what", "shop", "category", "kg", "until", "status", "accepted_by"]
    list_filter = ["status", "category"]
    search_fields = ["what", "shop__name"]


@admin.register(SurplusMatch)
class SurplusMatchAdmin(ReadOnlyAdmin):
    list_display = ["offer", "grocery", "score", "explanation"]
    search_fields = ["offer__what", "grocery__name"]


@admin.register(StockMove)
class StockMoveAdmin(ReadOnlyAdmin):
    list_display = ["grocery", "at", "direction", "category", "kg", "source"]
    list_filter = ["direction", "source", "category"]
    search_fields = ["grocery__name"]
