from django.core.management.base import BaseCommand

from solidarite.accounts.services import warn_and_purge_inactive


class Command(BaseCommand):
    help = (
        "Prévient les comptes inutilisés depuis deux ans, puis les supprime un mois après l'avertissement. "
        "À lancer chaque jour (cron ou timer systemd)."
    )

    def handle(self, *args, **options):
        warned, erased = warn_and_purge_inactive()
        self.stdout.write(f"prévenus : {warned}, supprimés : {erased}")
