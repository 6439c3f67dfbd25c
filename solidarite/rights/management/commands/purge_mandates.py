from django.core.management.base import BaseCommand

from solidarite.rights.mandates import expire_due, purge


class Command(BaseCommand):
    help = "End the mandates past their last day and purge the residents' names and phones (daily)."

    def handle(self, *args, **options):
        expired = expire_due()
        purged = purge()
        self.stdout.write(f"mandates expired={expired} purged={purged}")
