from django.core.management.base import BaseCommand

from solidarite.lending import retention


class Command(BaseCommand):
    help = (
        "Objethèque : retire l'emprunteur·se des prêts terminés depuis 12 mois (objet, dates, état, poids et "
        "quartier restent pour les chiffres) ; efface les listes d'attente 30 jours après l'avis de retour, "
        "6 mois au plus. Chaque nuit."
    )

    def handle(self, *args, **options):
        done = retention.purge()
        self.stdout.write(f"lending loans_anonymised={done['loans_anonymised']} waits_deleted={done['waits_deleted']}")
