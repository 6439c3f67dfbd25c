from django.contrib import admin

from solidarite.calendars.models import FeedToken


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Revoking a calendar address: delete its token (the person makes a new one from their page).
    The secret itself is never shown."""

    list_display = ["user", "feed", "created_at"]
    list_filter = ["feed"]
    search_fields = ["user__email"]
    fields = ["user", "feed", "created_at"]
    readonly_fields = ["user", "feed", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
