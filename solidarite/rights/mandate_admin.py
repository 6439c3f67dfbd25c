"""Admin of mediators and mandates: read-only audit (writes go through the pages, whose services log)."""

from django.contrib import admin

from solidarite.admin_bases import AuditAdmin
from solidarite.rights.mandate_models import Mandate, MandateAct, MandateLog, MediatorGrant


@admin.register(MediatorGrant)
class MediatorGrantAdmin(AuditAdmin):
    list_display = ["user", "association", "granted_by", "granted_at"]
    search_fields = ["user__email", "association__name"]


class ActInline(admin.TabularInline):
    model = MandateAct
    fields = ["at", "kind", "summary", "by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class LogInline(admin.TabularInline):
    model = MandateLog
    fields = ["at", "name", "from_state", "to_state", "by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MandateAct)
class MandateActAdmin(AuditAdmin):
    list_display = ["mandate", "kind", "at", "by"]
    list_filter = ["kind"]
    search_fields = ["summary", "by__email"]


@admin.register(MandateLog)
class MandateLogAdmin(AuditAdmin):
    list_display = ["mandate", "name", "to_state", "at", "by"]
    search_fields = ["reason", "by__email"]


@admin.register(Mandate)
class MandateAdmin(AuditAdmin):
    # Staff at the desk find the mandate of the person in front of them, to revoke it on the site.
    search_fields = ["structure__name", "recorded_by__email", "resident_name", "resident__email"]
    list_display = ["pk", "structure", "status", "consent_method", "starts_on", "ends_on", "recorded_by"]
    list_filter = ["status", "consent_method", "structure"]
    fields = [
        "structure",
        "resident",
        "resident_name",
        "resident_phone",
        "scope_help_requests",
        "scope_appointments",
        "scope_estimate",
        "consent_method",
        "recorded_by",
        "starts_on",
        "ends_on",
        "status",
        "ended_at",
        "purged_at",
    ]
    inlines = [LogInline, ActInline]
