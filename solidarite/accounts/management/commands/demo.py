from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from solidarite.accounts import demo


class Command(BaseCommand):
    help = "Charge les données de démonstration de Rezé (sans doublon si relancée) et affiche les comptes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Autorise le chargement avec DEBUG désactivé (les mots de passe sont publics !).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Les comptes de démonstration ont des mots de passe publics : refusé avec DEBUG désactivé."
            )
        autodiscover_modules("demo")
        accounts = []
        with transaction.atomic():
            for loader in demo.loaders():
                accounts.extend(loader())
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes. Comptes :"))
        width = max(len(role) for role, _, _ in accounts)
        for role, email, password in accounts:
            self.stdout.write(f"  {role.ljust(width)}  {email}  mot de passe : {password}")
