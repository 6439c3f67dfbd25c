import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from associations.directory.rna_import import count_lines, detect_encoding, import_rows, read_csv


class Command(BaseCommand):
    help = "Importe les associations de la commune depuis le fichier RNA « waldec » (CSV séparé par des ;)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Chemin du fichier rna_waldec_*.csv")
        parser.add_argument("--insee", default=None, help="Code INSEE (par défaut TOWN_INSEE_CODE)")
        parser.add_argument(
            "--encoding",
            default="auto",
            help="Encodage du fichier : auto (défaut : UTF-8 si tout le fichier l'est, sinon Windows-1252, "
            "l'encodage des fichiers waldec publiés jusqu'ici), ou un nom Python (utf-8, cp1252, latin-1…)",
        )
        parser.add_argument("--no-progress", action="store_true", help="Ne pas afficher la barre de progression")

    def handle(self, path, insee, encoding, no_progress, **options):
        insee = insee or settings.TOWN_INSEE_CODE
        try:
            total = count_lines(path)
            if encoding == "auto":
                encoding = detect_encoding(path)
            rows = read_csv(path, encoding=encoding)
            progress = None if no_progress else self._progress_bar(total)
            report = import_rows(rows, insee_code=insee, progress=progress)
        except (OSError, ValueError, LookupError) as error:  # LookupError: an unknown --encoding
            raise CommandError(f"Lecture impossible de {path} : {error}") from error
        if progress:
            self.stderr.write("")
        for line, reason in report.rejected:
            self.stderr.write(self.style.WARNING(f"ligne {line} rejetée : {reason}"))
        for line, warning in report.warnings:
            self.stderr.write(f"ligne {line} : {warning}")
        self.stdout.write(self.style.SUCCESS(f"Import RNA ({insee}, {encoding}) — {report.summary()}"))

    def _progress_bar(self, total: int):
        step = max(total // 50, 1)
        out = self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr

        def show(done: int):
            if done % step and done != total:
                return
            filled = int(30 * done / total) if total else 30
            out.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            out.flush()

        return show
