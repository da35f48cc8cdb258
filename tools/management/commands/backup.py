from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from tools.backups import (
    JSON_EXCLUDE,
    JSON_SUFFIX,
    backup_path,
    postgres_program,
    run_postgres_program,
)


class Command(BaseCommand):
    help = (
        "Sichert die Datenbank in BACKUP_DIR (Standard: backups/) unter einem Namen mit "
        "Zeitstempel: PostgreSQL mit pg_dump im Custom-Format, andere Datenbanken als "
        "JSON-Fixture (gzip). Zurückspielen mit dem Befehl restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Zieldatei statt eines Namens in BACKUP_DIR.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Auch auf PostgreSQL als JSON sichern (z. B. für den Umzug nach SQLite).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, json=False, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        native = connection.vendor == "postgresql" and not json
        if output:
            target = Path(output)
        else:
            target = backup_path(vendor=connection.vendor if native else "json")
        if not native and not target.name.endswith((".json", JSON_SUFFIX)):
            raise CommandError(f"JSON-Sicherungen enden auf .json oder {JSON_SUFFIX}.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if native:
            run_postgres_program(
                [
                    postgres_program("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={target}",
                ],
                connection.settings_dict,
            )
        else:
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=JSON_EXCLUDE,
                output=str(target),
                database=database,
                verbosity=0,
            )
        self.stdout.write(self.style.SUCCESS(f"Sicherung geschrieben: {target}"))
        return None
