from django.db import migrations

CATEGORIES = [
    ("courses-et-livraisons", "Courses et livraisons"),
    ("accompagnement-et-transport", "Accompagnement et transport"),
    ("bricolage", "Bricolage"),
    ("numerique", "Numérique"),
    ("demarches-administratives", "Démarches administratives"),
    ("visite-et-compagnie", "Visite et compagnie"),
    ("garde-d-enfants", "Garde d'enfants"),
    ("repas-et-alimentation", "Repas et alimentation"),
    ("pret-d-objets", "Prêt d'objets"),
    ("jardinage", "Jardinage"),
    ("conversation-en-francais", "Conversation en français"),
    ("demenagement", "Déménagement"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("help", "Category")
    for position, (slug, name) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "position": position * 10})


def unseed(apps, schema_editor):
    apps.get_model("help", "Category").objects.filter(slug__in=[s for s, _ in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("help", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
