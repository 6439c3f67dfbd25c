"""Giveaways for staff: read-only rows (the services match, notify and log); moderation is on its page."""

from django.contrib import admin

from solidarite.admin_bases import AuditAdmin, ReadOnlyAdmin
from solidarite.giveaways.models import (
    Gift,
    GiftMatch,
    GiftMatchTransition,
    GiftPhoto,
    GiftReport,
    GiftTransition,
    Wish,
)


@admin.register(Gift)
class GiftAdmin(ReadOnlyAdmin):
    list_display = ["title", "category", "status", "quartier"]
    list_filter = ["status", "category"]
    search_fields = ["title", "description"]


@admin.register(Wish)
class WishAdmin(ReadOnlyAdmin):
    list_display = ["what", "category", "status", "quartier"]
    list_filter = ["status", "category"]
    search_fields = ["what"]


@admin.register(GiftMatch)
class GiftMatchAdmin(ReadOnlyAdmin):
    list_display = ["gift", "wish", "status"]
    search_fields = ["gift__title", "wish__what"]


@admin.register(GiftPhoto)
class GiftPhotoAdmin(ReadOnlyAdmin):
    search_fields = ["alt_text", "gift__title"]


@admin.register(GiftReport)
class GiftReportAdmin(ReadOnlyAdmin):
    list_display = ["reason", "status", "gift", "wish"]
    search_fields = ["details", "resolution_note"]


@admin.register(GiftTransition)
class GiftTransitionAdmin(AuditAdmin):
    list_display = ["gift", "name", "from_state", "to_state", "at"]
    search_fields = ["name", "reason"]


@admin.register(GiftMatchTransition)
class GiftMatchTransitionAdmin(AuditAdmin):
    list_display = ["match", "name", "from_state", "to_state", "at"]
    search_fields = ["name", "reason"]
