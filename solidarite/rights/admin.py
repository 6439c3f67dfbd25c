"""Admin: points d'accueil are edited here; aids are edited on the site (``rights:aid_edit``), whose form
keeps the history, so the admin only shows them."""

from django.contrib import admin
from django.db import models

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.places.admin import MapPickerAdmin
from solidarite.rights.models import (
    Aid,
    AidPublic,
    AidRevision,
    AidTheme,
    Appointment,
    Permanence,
    Place,
    PlaceTheme,
)
from solidarite.rights.waitlist_models import AppointmentReminder, WaitlistEntry


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AidThemeInline(ReadOnlyInline):
    model = AidTheme


class AidPublicInline(ReadOnlyInline):
    model = AidPublic


class AidRevisionInline(ReadOnlyInline):
    model = AidRevision
    fields = ["at", "by", "action", "changes"]


@admin.register(Aid)
class AidAdmin(admin.ModelAdmin):
    list_display = ["title", "institution", "kind", "is_published", "reviewer", "reviewed_on", "next_review_on"]
    list_filter = ["is_published", "institution", "kind"]
    search_fields = ["title", "slug", "keywords"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [AidThemeInline, AidPublicInline, AidRevisionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class PlaceThemeInline(admin.TabularInline):
    model = PlaceTheme
    extra = 1


@admin.register(Place)
class PlaceAdmin(MapPickerAdmin):
    list_display = ["name", "kind", "quartier", "phone", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "quartier", "wheelchair"]
    search_fields = ["name", "slug", "address", "phone"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["association"]
    filter_horizontal = ["aids"]
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PlaceThemeInline]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AidRevision)
class AidRevisionAdmin(ReadOnlyAdmin):
    list_display = ["aid", "action", "by", "at"]
    list_filter = ["action"]
    search_fields = ["aid__title", "by__email"]
    date_hierarchy = "at"


@admin.register(AidTheme)
class AidThemeAdmin(ReadOnlyAdmin):
    list_display = ["aid", "code"]
    search_fields = ["aid__title", "code"]


@admin.register(AidPublic)
class AidPublicAdmin(ReadOnlyAdmin):
    list_display = ["aid", "code"]
    list_filter = ["code"]
    search_fields = ["aid__title", "code"]


@admin.register(PlaceTheme)
class PlaceThemeAdmin(admin.ModelAdmin):
    list_display = ["place", "code"]
    search_fields = ["place__name", "code"]


# Permanences are set up here by city staff. Only the permanence's agents and the person see who an
# appointment is for (on the site's pages): the admin lists appointments without the person, read-only.
@admin.register(Permanence)
class PermanenceAdmin(admin.ModelAdmin):
    list_display = ["title", "place", "opening_hours", "slot_minutes", "is_active"]
    list_filter = ["is_active", "place"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["agents"]
    fields = [
        "place",
        "title",
        "slug",
        "description",
        "agents",
        "opening_hours",
        "walk_in_hours",
        "slot_minutes",
        "weeks_ahead",
        "min_notice_hours",
        "is_active",
    ]


@admin.register(Appointment)
class AppointmentAdmin(AuditAdmin):
    list_display = ["permanence", "start", "reason", "status"]
    list_filter = ["status", "reason", "permanence"]
    search_fields = ["permanence__title"]
    fields = ["permanence", "start", "end", "reason", "status", "purged_at"]
    date_hierarchy = "start"


# The waiting lists and reminders are written by the services; like appointments, shown without the person.


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(ReadOnlyAdmin):
    list_display = ["permanence", "day", "status", "created_at", "offer_until"]
    list_filter = ["status", "permanence"]
    search_fields = ["permanence__title"]
    fields = ["permanence", "day", "status", "offered_start", "offered_end", "offer_until", "created_at"]
    readonly_fields = fields


@admin.register(AppointmentReminder)
class AppointmentReminderAdmin(ReadOnlyAdmin):
    list_display = ["appointment", "sent_at"]
    search_fields = ["appointment__permanence__title"]
    fields = ["appointment", "sent_at"]


from solidarite.rights import mandate_admin  # noqa: E402, F401  (mediators and mandates, read-only)
