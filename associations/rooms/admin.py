from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from associations.rooms import photos
from associations.rooms.models import Booking, BookingSeries, Room, RoomPhoto, Transition
from solidarite.places.admin import MapPickerAdmin


def _preview(photo) -> str:
    if not photo.pk or not photo.file:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="160" style="height:auto" loading="lazy">',
        photo.get_absolute_url(),
        photo.alt_text,
    )


class PhotoFieldsMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "file":
            field.help_text = gettext("Image JPEG, PNG ou WebP, %(limit)s au plus.") % {
                "limit": filesizeformat(settings.ROOM_PHOTO_MAX_BYTES)
            }
            field.widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        return field


class RoomPhotoInline(PhotoFieldsMixin, admin.TabularInline):
    model = RoomPhoto
    extra = 1
    max_num = photos.MAX_PER_ROOM
    fields = ["preview", "file", "alt_text", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("aperçu"))
    def preview(self, photo):
        return _preview(photo)


@admin.register(Room)
class RoomAdmin(MapPickerAdmin):
    list_display = ["name", "quartier", "capacity", "needs_approval", "open_to", "is_active"]
    list_filter = ["is_active", "needs_approval", "open_to", "quartier", "step_free", "hearing_loop"]
    search_fields = ["name", "address", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomPhotoInline]


@admin.register(RoomPhoto)
class RoomPhotoAdmin(PhotoFieldsMixin, admin.ModelAdmin):
    list_display = ["alt_text", "room", "position", "preview"]
    list_filter = ["room"]
    search_fields = ["alt_text", "room__name"]
    list_select_related = ["room"]
    fields = ["room", "preview", "file", "alt_text", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("aperçu"))
    def preview(self, photo):
        return _preview(photo)


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ["name", "from_state", "to_state", "by", "reason", "at"]
    can_delete = False


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    # Status changes go through the pages (services): the log and the notifications stay right.
    list_display = ["room", "start", "end", "association", "neighbour", "status", "is_public"]
    list_filter = ["status", "room", "is_public", ("series", admin.EmptyFieldListFilter)]
    search_fields = ["title", "association__name", "room__name", "neighbour__email", "support_note"]
    date_hierarchy = "start"
    raw_id_fields = ["association", "neighbour", "booked_by", "series"]
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [TransitionInline]


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "room", "association", "frequency", "first_start", "until"]
    list_filter = ["frequency", "room"]
    search_fields = ["title", "association__name", "room__name"]
    raw_id_fields = ["association", "neighbour", "booked_by"]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ["booking", "name", "from_state", "to_state", "by", "at"]
    list_filter = ["name", "to_state"]
    search_fields = ["booking__title", "booking__association__name", "reason", "by__email"]
    raw_id_fields = ["booking", "by"]
    readonly_fields = ["booking", "name", "from_state", "to_state", "by", "reason", "at"]
