from django.core.management.base import BaseCommand

from solidarite.rights.appointments import purge


class Command(BaseCommand):
    help = "Remove the people from appointments older than 3 months; the counts stay (daily)."

    def handle(self, *args, **options):
        count = purge()
        self.stdout.write(f"{count} appointment(s) older than 3 months: details purged.")
