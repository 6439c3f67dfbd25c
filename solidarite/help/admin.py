from django.contrib import admin

from solidarite.help.models import (
    Category,
    HelpOffer,
    HelpRequest,
    Match,
    MatchTransition,
    Message,
    OfferCategory,
    Report,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "active"]
    list_editable = ["position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class OfferCategoryInline(admin.TabularInline):
    model = OfferCategory
    extra = 0
    fields = ["category"]


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = ["id", "category", "quartier", "author", "status", "urgency", "window_end", "created_at"]
    list_filter = ["status", "category", "quartier", "urgency", "created_at"]
    search_fields = ["description", "author__email", "author__display_name", "resident_name"]
    raw_id_fields = ["author", "consent_recorded_by"]
    date_hierarchy = "created_at"


@admin.register(HelpOffer)
class HelpOfferAdmin(admin.ModelAdmin):
    list_display = ["id", "author", "quartier", "radius_km", "status", "alerts", "created_at"]
    list_filter = ["status", "alerts", "quartier", "categories", "created_at"]
    search_fields = ["description", "author__email", "author__display_name"]
    raw_id_fields = ["author"]
    inlines = [OfferCategoryInline]
    date_hierarchy = "created_at"


class MatchTransitionInline(admin.TabularInline):
    model = MatchTransition
    extra = 0
    readonly_fields = ["name", "from_state", "to_state", "by", "at", "reason"]
    can_delete = False


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["id", "request", "offer", "score", "status", "created_at"]
    list_filter = ["status", "request__category", "created_at"]
    search_fields = ["explanation", "request__author__email", "offer__author__email"]
    raw_id_fields = ["request", "offer"]
    inlines = [MatchTransitionInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "match", "author", "created_at", "hidden"]
    list_filter = ["hidden", "created_at"]
    search_fields = ["body", "author__email"]
    raw_id_fields = ["match", "author"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["id", "reason", "status", "reporter", "created_at", "resolved_by"]
    list_filter = ["status", "reason", "created_at"]
    search_fields = ["details", "reporter__email", "resolution_note"]
    raw_id_fields = ["reporter", "request", "offer", "message", "resolved_by"]


@admin.register(MatchTransition)
class MatchTransitionAdmin(admin.ModelAdmin):
    """The match history, searchable on its own (also shown inline on each match)."""

    list_display = ["match", "name", "from_state", "to_state", "by", "at"]
    list_filter = ["name", "to_state", "at"]
    search_fields = ["reason", "by__email"]
    raw_id_fields = ["match", "by"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OfferCategory)
class OfferCategoryAdmin(admin.ModelAdmin):
    """Derived rows (an offer's categories with its point, for the matching prefilter): read-only."""

    list_display = ["offer", "category", "latitude", "longitude"]
    list_filter = ["category"]
    search_fields = ["offer__description"]
    raw_id_fields = ["offer"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
