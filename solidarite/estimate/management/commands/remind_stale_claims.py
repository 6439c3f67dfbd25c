from django.core.management.base import BaseCommand

from solidarite.estimate.reminders import send_due


class Command(BaseCommand):
    help = "Remind people of the steps of « mes démarches » that have not moved for the delay they chose (daily)."

    def handle(self, *args, **options):
        count = send_due()
        self.stdout.write(f"{count} reminder(s) sent for démarches that did not move.")
