from django.core.management.base import BaseCommand

from solidarite.rights.waitlist import release_lapsed


class Command(BaseCommand):
    help = (
        "Waiting lists of the permanences (every 10 minutes): an unanswered offer lapses and its slot is offered "
        "to the next person; places for a past day end; ended places are deleted after 3 months."
    )

    def handle(self, *args, **options):
        counts = release_lapsed()
        self.stdout.write(
            "{lapsed} offer(s) lapsed, {offered} passed on, {ended} place(s) for a past day ended, "
            "{deleted} old place(s) deleted.".format(**counts)
        )
