from django.core.management.base import BaseCommand

from solidarite.giveaways import retention


class Command(BaseCommand):
    help = (
        "Dons entre voisins : 6 mois après leur fin, les dons remis ne gardent que catégorie, poids, mois et "
        "quartier ; les autres dons et les souhaits sont effacés ; les signalements un an après leur décision. "
        "À lancer chaque nuit."
    )

    def handle(self, *args, **options):
        done = retention.purge()
        self.stdout.write("giveaways " + " ".join(f"{key}={value}" for key, value in done.items()))
