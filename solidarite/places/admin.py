from django.contrib import admin

from solidarite.places.models import Quartier
from solidarite.places.widgets import point_widgets


class MapPickerAdmin(admin.ModelAdmin):
    """A change form whose ``latitude`` / ``longitude`` staff can also set on a map ({% map_picker %})."""

    change_form_template = "admin/map_picker_change_form.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        widgets = point_widgets()
        if db_field.name in widgets:
            kwargs["widget"] = widgets[db_field.name]
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Quartier)
class QuartierAdmin(MapPickerAdmin):
    list_display = ["name", "slug", "latitude", "longitude"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
