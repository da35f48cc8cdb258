from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cities.importers import RegisterImportError, import_gemeindeverzeichnis


class Command(BaseCommand):
    help = (
        "Lädt Kreise und Gemeinden aus dem Gemeindeverzeichnis GV100AD von Destatis "
        "(Textdatei mit fester Satzlänge). Alles oder nichts; wiederholbar."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GV100AD-Datei, z. B. GV100AD_31122024.txt")
        parser.add_argument(
            "--population-date",
            type=date.fromisoformat,
            help="Stichtag der Einwohnerzahlen (JJJJ-MM-TT); Standard: der Gebietsstand.",
        )

    def handle(self, *args, path, population_date, **options):
        try:
            import_gemeindeverzeichnis(path, population_date=population_date, stdout=self.stdout)
        except RegisterImportError as error:
            raise CommandError(f"Nichts importiert.\n{error}") from None
        except FileNotFoundError:
            raise CommandError(f"Datei nicht gefunden: {path}") from None
