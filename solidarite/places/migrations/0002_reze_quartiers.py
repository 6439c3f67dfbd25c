"""The seven official quartiers of Rezé with an approximate centre.

Another commune replaces this data in the admin; the platform reads quartiers from the table.
"""

from django.db import migrations

QUARTIERS = [
    ("Château", "chateau", 47.1860, -1.5640),
    ("La Blordière", "la-blordiere", 47.1720, -1.5330),
    ("La Houssais", "la-houssais", 47.1665, -1.5620),
    ("Pont-Rousseau", "pont-rousseau", 47.1955, -1.5480),
    ("Ragon", "ragon", 47.1575, -1.5390),
    ("Rezé-Hôtel de ville", "reze-hotel-de-ville", 47.1810, -1.5500),
    ("Trentemoult-les Isles", "trentemoult-les-isles", 47.1945, -1.5800),
]


def load(apps, schema_editor):
    Quartier = apps.get_model("places", "Quartier")
    for name, slug, lat, lon in QUARTIERS:
        Quartier.objects.update_or_create(slug=slug, defaults={"name": name, "latitude": lat, "longitude": lon})


def unload(apps, schema_editor):
    apps.get_model("places", "Quartier").objects.filter(slug__in=[q[1] for q in QUARTIERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
