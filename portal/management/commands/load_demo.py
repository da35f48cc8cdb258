from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo as portal_demo
from portal.history import history_off
from portal.registry import project_modules


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Inhalte: Fakten aus den Quelltexten (Smart-City-Atlas, Gelsenkirchens "
        "Digitalstrategie, Kompetenzzentrum) und als „Beispiel“ gekennzeichnete Expertenkreise, "
        "Treffen und Förderaufrufe, datiert ab dem Tag des Ladens. Mehrfach ausführbar: "
        "vorhandene Einträge werden aktualisiert, nie verdoppelt; an einem späteren Tag rücken "
        "die Beispiele mit."
    )

    def handle(self, *args, **options):
        # Each app's demo.load() is idempotent (update_or_create on natural keys); the whole
        # load is one transaction, so a failure leaves the database as it was.
        # The demo is the seeds' state, written by nobody: its saves stay out of the editorial
        # history, so a second run adds no versions. Objects without any history then get a
        # first version (populate_history skips models that already have one).
        with transaction.atomic():
            with history_off():
                portal_demo.load(stdout=self.stdout)
                for module in project_modules("demo"):
                    module.load(stdout=self.stdout)
            call_command("populate_history", auto=True, stdout=StringIO())
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte geladen."))
