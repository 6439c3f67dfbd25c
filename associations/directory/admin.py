from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.directory.models import (
    Action,
    Association,
    AssociationEvent,
    ManagerInvitation,
    Membership,
    Participation,
)
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


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return ManagerInvitation.State.choices

    def queryset(self, request, queryset):
        now = timezone.now()
        filters = {
            ManagerInvitation.State.PENDING: lambda qs: qs.pending(now),
            ManagerInvitation.State.EXPIRED: lambda qs: qs.open().filter(expires_at__lte=now),
            ManagerInvitation.State.ACCEPTED: lambda qs: qs.filter(accepted_at__isnull=False),
            ManagerInvitation.State.DECLINED: lambda qs: qs.filter(declined_at__isnull=False),
            ManagerInvitation.State.REVOKED: lambda qs: qs.filter(revoked_at__isnull=False),
        }
        return filters[self.value()](queryset) if self.value() in filters else queryset


@admin.register(ManagerInvitation)
class ManagerInvitationAdmin(admin.ModelAdmin):
    """Staff see invitations to help associations; they are written only through the pages (services)."""

    list_display = ["email", "association", "invited_by", "state_display", "sent_at", "expires_at"]
    list_filter = [InvitationStateFilter]
    search_fields = ["email", "association__name"]
    list_select_related = ["association", "invited_by"]
    date_hierarchy = "sent_at"
    fields = [
        "association",
        "email",
        "invited_by",
        "created_at",
        "sent_at",
        "expires_at",
        "accepted_at",
        "declined_at",
        "revoked_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("état"))
    def state_display(self, obj):
        return obj.get_state_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
