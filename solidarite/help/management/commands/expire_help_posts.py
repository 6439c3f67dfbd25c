from django.core.management.base import BaseCommand

from solidarite.help.alerts import send_digests
from solidarite.help.expiry import expire_posts
from solidarite.help.retention import purge_resident_details


class Command(BaseCommand):
    help = (
        "Ends help requests whose window has passed and offers past their last day, warns offerers the day "
        "before, purges the names and phones of residents whose request ended a month ago (help.retention); "
        "with --digest, also "
        "sends the daily summary of matches that waited quietly. "
        "Schedule it every 10 minutes (and once a day with --digest)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="also send the daily digests")

    def handle(self, *args, **options):
        counts = expire_posts()
        line = "expired requests={requests} offers={offers} warned={warned}".format(**counts)
        line += f" residents_purged={purge_resident_details()}"
        if options["digest"]:
            line += f" digests={send_digests()}"
        self.stdout.write(line)
