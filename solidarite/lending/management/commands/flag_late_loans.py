from django.core.management.base import BaseCommand

from solidarite.lending import schedule


class Command(BaseCommand):
    help = (
        "Objethèque : signale les prêts pas rendus à la fin de leur période (emprunteur·se et responsables "
        "prévenu·es, ainsi que la personne dont le prêt du même objet commence ensuite) et clôt les "
        "réservations jamais retirées. Chaque jour, après minuit."
    )

    def handle(self, *args, **options):
        done = schedule.flag_late()
        self.stdout.write(f"lending late={done['late']} lapsed={done['lapsed']} warned={done['warned']}")
