from django.core.management.base import BaseCommand

from solidarite.repairs import retention


class Command(BaseCommand):
    help = (
        "Repair cafés : 30 jours après une session, délie les objets de leur propriétaire et efface les "
        "inscriptions jamais apportées ; efface les calendriers personnels inutilisés depuis un an. "
        "À lancer chaque nuit."
    )

    def handle(self, *args, **options):
        done = retention.purge()
        self.stdout.write(
            f"repairs preregistrations_deleted={done['preregistrations_deleted']} "
            f"owners_unlinked={done['owners_unlinked']} feeds_deleted={done['feeds_deleted']}"
        )
