from django.core.management.base import BaseCommand

from solidarite.rights.reminders import send


class Command(BaseCommand):
    help = "Remind each person of their appointment at a permanence the day before; never twice (daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send()} reminder(s) sent for tomorrow's appointments.")
