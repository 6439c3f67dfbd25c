"""Pages imported from the RNA before identifiers were normalised and the file's encoding detected:
"W 443 009 048" becomes W443009048 (the API schema says 10 characters); a page with a U+FFFD (a Latin-1
byte read as UTF-8) cannot be repaired here, the original letter is lost: its history says what to fix
(re-running the import with the published file repairs the pages that have no managers).
"""

from django.db import migrations
from django.utils import timezone

from associations.directory.validators import normalize_rna

TEXT_FIELDS = {"name": "nom", "purpose": "objet", "address": "adresse", "city": "commune"}


def repair(apps, schema_editor):
    Association = apps.get_model("directory", "Association")
    AssociationEvent = apps.get_model("directory", "AssociationEvent")
    now = timezone.now()
    for association in Association.objects.order_by("pk").iterator():
        rna = normalize_rna(association.rna)
        if rna != association.rna and len(rna) <= 10:
            association.rna = rna
            association.save(update_fields=["rna"])
        unreadable = [label for name, label in TEXT_FIELDS.items() if "\ufffd" in getattr(association, name)]
        if unreadable:
            AssociationEvent.objects.create(
                association=association,
                kind="to_check",
                created_at=now,
                message="Caractère illisible (�) dans : " + ", ".join(unreadable) + ". Relancez l'import RNA avec "
                "le fichier publié, ou corrigez la page à la main.",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_rna_dates_and_dissolution"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
