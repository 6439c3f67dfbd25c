from django.core.management.base import BaseCommand

from solidarite.lending import schedule


class Command(BaseCommand):
    help = "Objethèque : rappelle aux emprunteur·ses la veille du jour de retour (jamais deux fois). Chaque jour."

    def handle(self, *args, **options):
        self.stdout.write(f"lending reminders={schedule.send_reminders()}")
