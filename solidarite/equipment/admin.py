"""The equipment desk's rows for staff: read-only, as the services write them (locks, priority rules, notices)."""

from django.contrib import admin

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.equipment.models import Batch, Device, DeviceLog, EquipmentRequest, Household, Refurbisher, RequestLog


@admin.register(Refurbisher)
class RefurbisherAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "user", "granted_at"]
    search_fields = ["organisation", "user__email"]


@admin.register(Batch)
class BatchAdmin(ReadOnlyAdmin):
    list_display = ["label", "organisation", "place"]
    search_fields = ["label", "organisation"]


@admin.register(Device)
class DeviceAdmin(ReadOnlyAdmin):
    list_display = ["kind", "reference", "condition", "status", "batch"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "specs"]


@admin.register(EquipmentRequest)
class EquipmentRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "public", "wanted", "status"]
    list_filter = ["status", "public"]
    search_fields = ["requester__email", "resident__email"]


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    # A keyed hash of an address: nothing to read, only to count.
    search_fields = ["key"]


@admin.register(RequestLog)
class RequestLogAdmin(AuditAdmin):
    list_display = ["request", "name", "from_state", "to_state", "at"]
    search_fields = ["name", "reason"]


@admin.register(DeviceLog)
class DeviceLogAdmin(AuditAdmin):
    list_display = ["device", "name", "from_state", "to_state", "at"]
    search_fields = ["name", "reason"]
