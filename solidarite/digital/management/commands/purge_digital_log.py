from django.core.management.base import BaseCommand

from solidarite.digital import retention


class Command(BaseCommand):
    help = (
        "Lieux d'aide au numérique : efface le nom des personnes des modifications de plus de deux ans "
        "(la modification reste). À lancer chaque nuit."
    )

    def handle(self, *args, **options):
        done = retention.purge()
        self.stdout.write(f"digital unnamed_changes={done['changes']} unnamed_places={done['places']}")
