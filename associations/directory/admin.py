from django.contrib import admin

from associations.directory.models import Action, Association, AssociationEvent, Membership, Participation
from solidarite.places.admin import MapPickerAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Association)
class AssociationAdmin(MapPickerAdmin):
    list_display = ["name", "status", "hidden", "quartier", "rna", "siret", "accepts_volunteers", "updated_at"]
    list_filter = ["status", "hidden", "accepts_volunteers", "is_social_action", "quartier"]
    search_fields = ["name", "rna", "siret", "email", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["created_by", "merged_into"]
    readonly_fields = ["verified_at", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["association", "user", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["association__name", "user__email", "user__display_name"]
    raw_id_fields = ["association", "user"]


@admin.register(Action)
class ActionAdmin(MapPickerAdmin):
    list_display = ["title", "association", "kind", "starts_at", "recurrence", "status", "wants_volunteers"]
    list_filter = ["status", "kind", "recurrence", "wants_volunteers", "quartier"]
    search_fields = ["title", "association__name", "place_name"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["association", "created_by"]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["action", "user", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["action__title", "user__email"]
    raw_id_fields = ["action", "user"]


@admin.register(AssociationEvent)
class AssociationEventAdmin(admin.ModelAdmin):
    list_display = ["association", "kind", "actor", "created_at"]
    list_filter = ["kind"]
    search_fields = ["association__name", "message"]
    raw_id_fields = ["association", "actor"]
