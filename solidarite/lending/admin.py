from django.contrib import admin

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.lending.models import Handover, Item, ItemPhoto, Lender, Loan, Transition, WaitEntry


@admin.register(Lender)
class LenderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "quartier"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["managers"]
    autocomplete_fields = ["association"]
    search_fields = ["name"]


class PhotoInline(admin.TabularInline):
    model = ItemPhoto
    extra = 1


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "lender", "condition", "is_active"]
    list_filter = ["category", "is_active", "lender"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [PhotoInline]


# Loans, their steps and handovers are written by the services (locks, notices): read-only here.
@admin.register(ItemPhoto)
class ItemPhotoAdmin(ReadOnlyAdmin):
    search_fields = ["alt_text", "item__name"]


@admin.register(Loan)
class LoanAdmin(ReadOnlyAdmin):
    search_fields = ["item__name", "borrower__email"]
    list_display = ["item", "start", "end", "status", "weight_kg"]
    list_filter = ["status"]


@admin.register(Transition)
class TransitionAdmin(AuditAdmin):
    search_fields = ["loan__item__name", "name"]
    list_display = ["loan", "name", "from_state", "to_state", "at"]


@admin.register(Handover)
class HandoverAdmin(AuditAdmin):
    search_fields = ["loan__item__name", "note"]
    list_display = ["loan", "direction", "condition", "weight_kg", "at"]


@admin.register(WaitEntry)
class WaitEntryAdmin(ReadOnlyAdmin):
    search_fields = ["item__name", "person__email"]
    list_display = ["item", "created_at", "notified_at"]
