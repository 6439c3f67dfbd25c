from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from associations.support.models import (
    Attachment,
    Envelope,
    Grant,
    Message,
    PrivateNote,
    ReviewTeam,
    SupportRequest,
    Transition,
)
from solidarite.money import euros


def money_column(name: str, description, *, field: bool = True):
    """A list column that prints the amount the French way and still sorts by its field."""

    @admin.display(description=description, ordering=name if field else None)
    def column(obj):
        return euros(getattr(obj, name))

    column.__name__ = f"{name}_euros"
    return column


@admin.register(ReviewTeam)
class ReviewTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "member_count"]
    search_fields = ["name", "members__display_name", "members__email"]
    filter_horizontal = ["members"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("membres"), ordering="member_count")
    def member_count(self, team):
        return team.member_count


@admin.register(Envelope)
class EnvelopeAdmin(admin.ModelAdmin):
    list_display = [
        "label",
        "year",
        "kind",
        "theme",
        money_column("amount", _("montant")),
        money_column("granted", _("attribué")),
        money_column("remaining", _("reste"), field=False),
    ]
    list_filter = ["year", "kind", "theme"]
    search_fields = ["label", "theme", "dispositif_aide"]
    readonly_fields = ["granted"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["created_at", "from_city", "author", "body"]
    readonly_fields = fields


class NoteInline(ReadOnlyInline):
    model = PrivateNote
    fields = ["created_at", "author", "body"]
    readonly_fields = fields


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ["at", "name", "from_state", "to_state", "by", "assigned_reviewer", "assigned_team", "reason"]
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    """Read-mostly: the workflow (states, money, assignment) changes only through the staff pages and their rules."""

    list_display = [
        "title",
        "association",
        "kind",
        money_column("amount_requested", _("montant demandé")),
        "state",
        "reviewer",
        "team",
        "submitted_at",
    ]
    list_filter = ["state", "kind", "association__quartier", "team", "reviewer"]
    search_fields = ["title", "description", "association__name", "action_title"]
    date_hierarchy = "created_at"
    raw_id_fields = ["association", "created_by"]
    # Assignment is logged and notified by services.assign: the staff page does it, not the admin.
    readonly_fields = [
        "state",
        "reviewer",
        "team",
        "submitted_at",
        "waiting_since",
        "stale_alerted_at",
        "created_at",
        "updated_at",
    ]
    inlines = [AttachmentInline, MessageInline, NoteInline, TransitionInline]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = [
        "request",
        "nature",
        money_column("amount", _("montant")),
        money_column("in_kind_value", _("valeur en nature")),
        "envelope",
        "decision_reference",
        "decision_date",
    ]
    list_filter = ["nature", "envelope", "payment_terms", "decision_date"]
    search_fields = ["decision_reference", "request__title", "request__association__name"]
    date_hierarchy = "decision_date"

    # Amounts move envelopes: they are set by services.grant only.
    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["request", "from_city", "author", "created_at"]
    list_filter = ["from_city"]
    search_fields = ["body", "request__title"]
    raw_id_fields = ["request", "author"]


@admin.register(PrivateNote)
class PrivateNoteAdmin(admin.ModelAdmin):
    list_display = ["request", "author", "created_at"]
    search_fields = ["body", "request__title"]
    raw_id_fields = ["request", "author"]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["request", "name", "from_state", "to_state", "by", "at"]
    list_filter = ["name", "to_state", "by_city"]
    search_fields = ["request__title", "reason"]
    raw_id_fields = ["request", "by", "assigned_reviewer"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "request", "content_type", "size", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["name", "request__title"]
    raw_id_fields = ["request", "uploaded_by"]
