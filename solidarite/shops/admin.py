from django.contrib import admin
from django.db import models

from solidarite.places.admin import MapPickerAdmin
from solidarite.shops.models import Initiative, Shop, ShopClaim, ShopEvent


class ClaimInline(admin.TabularInline):
    model = ShopClaim
    extra = 0
    fields = ["user", "siret", "status", "created_at", "decided_by", "decision_note"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user", "decided_by"]


class InitiativeInline(admin.TabularInline):
    model = Initiative
    extra = 0
    fields = ["title", "kind", "starts_on", "ends_on", "association", "ended_at"]
    raw_id_fields = ["association"]


@admin.register(Shop)
class ShopAdmin(MapPickerAdmin):
    list_display = ["name", "kind", "quartier", "status", "hidden", "owner", "updated_at"]
    list_filter = ["status", "hidden", "kind", "quartier", "wheelchair"]
    search_fields = ["name", "slug", "address", "siret", "owner__email", "owner__display_name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["owner", "created_by"]
    readonly_fields = ["created_at", "updated_at", "verified_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ClaimInline, InitiativeInline]


@admin.register(ShopClaim)
class ShopClaimAdmin(admin.ModelAdmin):
    list_display = ["shop", "user", "status", "created_shop", "created_at", "decided_by"]
    list_filter = ["status", "created_shop"]
    search_fields = ["shop__name", "user__email", "user__display_name", "siret"]
    raw_id_fields = ["shop", "user", "decided_by"]


@admin.register(ShopEvent)
class ShopEventAdmin(admin.ModelAdmin):
    list_display = ["shop", "action", "actor", "at"]
    list_filter = ["action"]
    search_fields = ["shop__name", "actor__email", "note"]
    raw_id_fields = ["shop", "actor"]
    date_hierarchy = "at"


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "shop", "kind", "starts_on", "ends_on", "association", "ended_at"]
    list_filter = ["kind", "starts_on"]
    search_fields = ["title", "description", "shop__name", "association__name"]
    raw_id_fields = ["shop", "association", "created_by"]
    date_hierarchy = "starts_on"
