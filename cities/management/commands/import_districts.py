from django.core.management.base import BaseCommand, CommandError

from cities.importers import DISTRICTS_CSV, RegisterImportError, import_districts


class Command(BaseCommand):
    help = (
        "Lädt die 401 Kreise aus der Destatis-Liste (Standard: cities/data/districts.csv); "
        "kreisfreie Städte werden auch als Kommunen angelegt. Wiederholbar."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DISTRICTS_CSV))

    def handle(self, *args, path, **options):
        try:
            import_districts(path, stdout=self.stdout)
        except RegisterImportError as error:
            raise CommandError(f"Nichts importiert.\n{error}") from None
        except FileNotFoundError:
            raise CommandError(f"Datei nicht gefunden: {path}") from None
