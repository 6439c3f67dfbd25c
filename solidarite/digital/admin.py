from django.contrib import admin

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.digital.models import DigitalPlace, DigitalPlaceChange


@admin.register(DigitalPlace)
class DigitalPlaceAdmin(ReadOnlyAdmin):
    search_fields = ["summary", "rights_place__name", "room__name", "association__name", "shop__name"]
    """Marked and edited on the site (``digital:place_edit``), where each change is logged."""

    list_display = ["__str__", "free_computers", "free_wifi", "printing", "online_procedures", "beginner_workshops",
                    "aidants_connect", "is_published", "updated_at"]  # fmt: skip
    list_filter = ["is_published", "aidants_connect", "free_wifi", "printing"]
    list_select_related = ["rights_place", "room", "association", "shop"]


@admin.register(DigitalPlaceChange)
class DigitalPlaceChangeAdmin(AuditAdmin):
    search_fields = ["action", "place__summary"]
    list_display = ["place", "action", "at", "by"]
    list_select_related = ["place__rights_place", "place__room", "place__association", "place__shop", "by"]
