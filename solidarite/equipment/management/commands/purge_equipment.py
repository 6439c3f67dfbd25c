from django.core.management.base import BaseCommand

from solidarite.equipment import retention


class Command(BaseCommand):
    help = "Équipement numérique : fait expirer les propositions échues et applique les durées de conservation."

    def handle(self, *args, **options):
        result = retention.purge()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in result.items()))
