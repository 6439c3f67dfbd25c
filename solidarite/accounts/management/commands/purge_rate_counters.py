from django.core.management.base import BaseCommand

from solidarite.accounts import ratelimit


class Command(BaseCommand):
    help = "Deletes the rate-limit counters of windows that have ended. Schedule it every 10 minutes."

    def handle(self, *args, **options):
        self.stdout.write(f"purged counters={ratelimit.purge()}")
