from django.conf import settings
from django.core.management.base import BaseCommand

from associations.support.staleness import alert_stale


class Command(BaseCommand):
    help = "Alert the reviewer (else the review team) of requests waiting over SUPPORT_STALE_DAYS (daily)."

    def handle(self, *args, **options):
        count = alert_stale()
        self.stdout.write(
            f"{count} request(s) waiting more than {settings.SUPPORT_STALE_DAYS} days: reviewers alerted."
        )
