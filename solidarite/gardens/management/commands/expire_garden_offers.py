from django.core.management.base import BaseCommand

from solidarite.gardens import offers


class Command(BaseCommand):
    help = (
        "Jardins partagés : les parcelles proposées dont le délai est passé vont à la personne suivante de la "
        "liste d'attente (la personne prévenue reste inscrite, en fin de liste). À lancer tous les quarts d'heure."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"gardens offers_expired={offers.expire_due()}")
