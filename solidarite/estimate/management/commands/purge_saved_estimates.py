from django.core.management.base import BaseCommand

from solidarite.estimate import sharing
from solidarite.estimate.services import purge


class Command(BaseCommand):
    help = (
        "Delete saved estimates older than ESTIMATE_RETENTION_DAYS, and the shares with an appointment cancelled "
        "or past by more than a month (daily)."
    )

    def handle(self, *args, **options):
        count = purge()
        shares = sharing.purge()
        self.stdout.write(f"{count} saved estimate(s) past their retention: deleted.")
        self.stdout.write(f"{shares} share(s) with a past or cancelled appointment: deleted.")
