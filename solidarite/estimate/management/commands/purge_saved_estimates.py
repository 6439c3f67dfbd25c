from django.core.management.base import BaseCommand

from solidarite.estimate.services import purge


class Command(BaseCommand):
    help = "Delete saved estimates older than ESTIMATE_RETENTION_DAYS (daily)."

    def handle(self, *args, **options):
        count = purge()
        self.stdout.write(f"{count} saved estimate(s) past their retention: deleted.")
