from django.core.management.base import BaseCommand

from solidarite.rights.services import alert_review_due


class Command(BaseCommand):
    help = "Alert the reviewer (else every city agent) of aids past their review date, once per date (daily)."

    def handle(self, *args, **options):
        count = alert_review_due()
        self.stdout.write(f"{count} aid(s) past their review date: reviewers alerted.")
