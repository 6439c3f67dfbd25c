from django.core.management.base import BaseCommand

from solidarite.equipment import handover


class Command(BaseCommand):
    help = "Équipement numérique : les propositions échues expirent, leurs appareils vont au foyer suivant."

    def handle(self, *args, **options):
        self.stdout.write(f"expired={handover.expire_due()}")
