from django.core.management.base import BaseCommand

from solidarite.grocery import retention


class Command(BaseCommand):
    help = (
        "Épicerie sociale : marque échus les droits passés, puis efface les foyers 12 mois après la fin "
        "de leur dernier droit (il reste les passages, sans foyer : jour, montant, taille du foyer). "
        "À lancer chaque nuit."
    )

    def handle(self, *args, **options):
        done = retention.purge()
        self.stdout.write(
            f"grocery expired={done['expired']} households_deleted={done['households_deleted']} "
            f"baskets_deleted={done['baskets_deleted']}"
        )
