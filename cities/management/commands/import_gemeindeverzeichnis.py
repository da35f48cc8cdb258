from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cities.importers import (
    COORDINATES_CSV,
    GV100AD_FILE,
    RegisterImportError,
    import_gemeindeverzeichnis,
)


class Command(BaseCommand):
    help = (
        "Lädt das Gemeindeverzeichnis GV100AD von Destatis (Kreise, Gemeindeverbände, "
        "Gemeinden; Textdatei mit fester Satzlänge, UTF-8 oder ISO-8859-1). Alles oder "
        "nichts; wiederholbar. Schlüssel, die in einer neueren Ausgabe fehlen, werden zum "
        "Gebietsstand der Datei als aufgelöst markiert, nie gelöscht."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(GV100AD_FILE),
            help="GV100AD-Datei; Standard: die mitgelieferte Ausgabe.",
        )
        parser.add_argument(
            "--figures-date",
            type=date.fromisoformat,
            help=(
                "Stichtag der Einwohnerzahlen und Flächen (JJJJ-MM-TT), wie ihn Destatis zur "
                "Ausgabe nennt; für die mitgelieferte Ausgabe bekannt."
            ),
        )
        parser.add_argument(
            "--coordinates",
            default=str(COORDINATES_CSV),
            help="CSV-Datei ags,lat,lon mit den Koordinaten der Gemeinden.",
        )
        parser.add_argument(
            "--successors",
            help="CSV-Datei mit Zeilen alter;neuer Schlüssel (Nachfolger aufgelöster Gebiete).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch eine Ausgabe einlesen, die älter ist als der Stand des Registers.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur zeigen, was sich ändern würde (neu, geändert, umbenannt, aufgelöst).",
        )

    def handle(self, *args, path, figures_date, coordinates, successors, force, dry_run, **o):
        try:
            import_gemeindeverzeichnis(
                path,
                figures_date=figures_date,
                coordinates=coordinates or None,
                successors=successors,
                force=force,
                dry_run=dry_run,
                stdout=self.stdout,
            )
        except RegisterImportError as error:
            raise CommandError(f"Nichts importiert.\n{error}") from None
        except FileNotFoundError as error:
            raise CommandError(f"Datei nicht gefunden: {error.filename}") from None
