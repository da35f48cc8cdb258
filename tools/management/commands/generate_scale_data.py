import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tools.scale import SCALES, generators, timed

DEFAULT_SEED = 2019


class Command(BaseCommand):
    help = (
        "Füllt die Datenbank mit synthetischen Inhalten für Last- und Leistungstests: "
        "--scale national (11.000 Kommunen, 100.000 Praxisbeispiele, 50.000 Termine, 5.000 "
        "Förderprogramme mit 20.000 Aufrufen) oder --scale small (einige Dutzend). Gleicher "
        "Seed, gleiche Daten. Verweigert sich, wenn schon erzeugte Daten da sind; "
        "--flush-generated löscht sie vorher (echte Inhalte bleiben)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), required=True)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--flush-generated",
            action="store_true",
            help="Vorher erzeugte synthetische Inhalte löschen und neu erzeugen.",
        )

    def handle(self, *args, scale, seed, flush_generated, **options):
        modules = generators()
        existing = {
            module.__name__: module.generated_count()
            for module in modules
            if hasattr(module, "generated_count")
        }
        existing = {name: count for name, count in existing.items() if count}
        if existing and not flush_generated:
            found = ", ".join(f"{name}: {count}" for name, count in existing.items())
            raise CommandError(
                f"Die Datenbank enthält schon erzeugte Daten ({found}). Nichts geändert. "
                "Mit --flush-generated werden sie vorher gelöscht."
            )
        started = time.perf_counter()
        # One transaction: a failing generator leaves the database as it was.
        with transaction.atomic():
            if flush_generated:
                for module in reversed(modules):
                    if hasattr(module, "flush"):
                        module.flush(stdout=self.stdout)
            for module in modules:
                app = module.__name__.rsplit(".", 1)[-1]
                # One random stream per app: adding an app never changes another's data.
                rng = random.Random(f"{seed}:{app}")
                with timed(self.stdout, app):
                    module.generate(scale=SCALES[scale], rng=rng, stdout=self.stdout)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # What autovacuum would do after a while: planner statistics, and the visibility
            # map that lets index-only scans (the facet counts) skip the table rows. Not
            # inside a caller's transaction (the tests'): VACUUM cannot run there, and ANALYZE
            # would write the row counts of rows about to be rolled back in place, where the
            # rollback leaves them, so later plans would be chosen for a table that is gone.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetische Daten ({scale}, Seed {seed}) erzeugt in "
                f"{time.perf_counter() - started:.1f} s."
            )
        )
