from django.contrib import admin

from solidarite.places.models import Quartier


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "latitude", "longitude"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
