from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from solidarite.accounts import demo

# What loading does (an invitation, a support request's workflow) sends e-mails like the real
# thing; on the console backend of a local demo they came out as raw MIME among the accounts.
QUIET_MAIL = "django.core.mail.backends.dummy.EmailBackend"


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
        with override_settings(EMAIL_BACKEND=QUIET_MAIL), transaction.atomic():
            for loader in demo.loaders():
                accounts.extend(loader())
        self.stdout.write(self.style.SUCCESS(_("Données de démonstration prêtes (leurs e-mails ne partent pas).")))
        self.stdout.write("")
        header = (_("Rôle"), _("E-mail"), _("Mot de passe"), _("À essayer"))
        rows = [(str(demo.ROLE_LABELS.get(a.role, a.role)), a.email, a.password, a.to_try) for a in accounts]
        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(3)]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]).rstrip())
