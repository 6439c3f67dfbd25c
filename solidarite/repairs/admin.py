"""Repair cafés for staff: read-only rows (volunteers record at the session; the services log each step)."""

from django.contrib import admin

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.repairs.models import Follow, RecordLog, RepairCafe, RepairCredit, RepairRecord


@admin.register(RepairCafe)
class RepairCafeAdmin(ReadOnlyAdmin):
    list_display = ["action", "marked_by"]
    search_fields = ["action__title", "action__association__name"]


@admin.register(RepairRecord)
class RepairRecordAdmin(ReadOnlyAdmin):
    list_display = ["action", "brand", "status"]
    list_filter = ["status"]
    search_fields = ["brand", "problem"]


@admin.register(RepairCredit)
class RepairCreditAdmin(ReadOnlyAdmin):
    search_fields = ["repairer__email", "record__brand"]


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdmin):
    search_fields = ["association__name", "user__email"]


@admin.register(RecordLog)
class RecordLogAdmin(AuditAdmin):
    list_display = ["record", "name", "from_state", "to_state", "at"]
    search_fields = ["name", "reason"]
