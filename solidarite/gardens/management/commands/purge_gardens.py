from django.core.management.base import BaseCommand

from solidarite.gardens import retention


class Command(BaseCommand):
    help = (
        "Jardins partagés : efface les inscriptions sorties de la liste d'attente depuis 12 mois (et leurs "
        "propositions), retire la personne des attributions finies depuis 24 mois. À lancer chaque nuit."
    )

    def handle(self, *args, **options):
        done = retention.purge()
        self.stdout.write(
            "gardens expired={expired} applications_deleted={applications_deleted} "
            "allocations_anonymised={allocations_anonymised}".format(**done)
        )
