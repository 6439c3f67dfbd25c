from django.core.management.base import BaseCommand

from solidarite.giveaways import services


class Command(BaseCommand):
    help = (
        "Dons entre voisins : les dons dont la période de retrait est passée et les souhaits arrivés à leur date "
        "expirent, avec leurs mises en relation en attente. À lancer toutes les 10 minutes."
    )

    def handle(self, *args, **options):
        done = services.expire_due()
        self.stdout.write(f"giveaways expired gifts={done['gifts']} wishes={done['wishes']}")
