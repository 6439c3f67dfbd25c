from django.contrib import admin

from solidarite.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["title", "user__email", "user__display_name"]
    raw_id_fields = ["user"]
    date_hierarchy = "created_at"
