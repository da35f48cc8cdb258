from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from portal.history import history_off
from tools.backups import POSTGRES_SUFFIX, postgres_program, run_postgres_program


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung des Befehls backup zurück und ersetzt dabei alle Inhalte der "
        "Datenbank: .dump-Dateien mit pg_restore (nur PostgreSQL), JSON-Fixtures mit flush "
        "und loaddata (jede Datenbank, die auf demselben Migrationsstand ist). Alles oder "
        "nichts: bei einem Fehler bleibt die Datenbank, wie sie war."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Die Sicherungsdatei.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Nicht nachfragen.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, interactive=True, database=DEFAULT_DB_ALIAS, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"Sicherung nicht gefunden: {source}")
        connection = connections[database]
        native = source.suffix == POSTGRES_SUFFIX
        if native and connection.vendor != "postgresql":
            raise CommandError(
                "Eine .dump-Sicherung lässt sich nur in PostgreSQL zurückspielen; für andere "
                "Datenbanken auf PostgreSQL mit 'backup --json' sichern."
            )
        if interactive:
            answer = input(
                f"Alle Inhalte der Datenbank {connection.settings_dict['NAME']} werden durch "
                f"{source} ersetzt. Fortfahren? Zum Bestätigen 'ja' eingeben: "
            )
            if answer.strip().lower() != "ja":
                raise CommandError("Abgebrochen, nichts geändert.")
        if native:
            # pg_restore drops and recreates the tables: this process must hold no locks.
            connection.close()
            run_postgres_program(
                [
                    postgres_program("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--dbname={connection.settings_dict['NAME']}",
                    str(source),
                ],
                connection.settings_dict,
            )
        else:
            # The editorial history comes from the backup: loading the objects' relations
            # must not record new versions of them (simple-history skips only raw saves).
            with (
                transaction.atomic(using=database),
                history_off(),
            ):
                call_command("flush", interactive=False, database=database, verbosity=0)
                call_command("loaddata", str(source), database=database, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Sicherung zurückgespielt: {source}"))
