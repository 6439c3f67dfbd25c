from django.contrib import admin

from solidarite.fragments.models import ContentVersion


@admin.register(ContentVersion)
class ContentVersionAdmin(admin.ModelAdmin):
    """Read-only: the database triggers alone write these tokens (a changed token is a new state
    of the public lists, which every process renders again on its next view)."""

    list_display = ["id", "help", "listings"]
    readonly_fields = ["help", "listings"]
    search_fields = ["help", "listings"]  # a token read in a log

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
