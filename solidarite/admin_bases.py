"""Admin classes the apps share: rows the services write (logs, history, what a person did) are shown in
the admin, never added or edited there — a change must go through the service that checks and logs it."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuditAdmin(ReadOnlyAdmin):
    """An audit trail: not even deleted by hand (retention commands delete it)."""

    def has_delete_permission(self, request, obj=None):
        return False
