from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo as portal_demo
from portal.registry import project_modules


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Inhalte (Fakten aus den Quelltexten: Smart-City-Atlas, Gelsenkirchens "
        "Digitalstrategie, Kompetenzzentrum). Mehrfach ausführbar: vorhandene Einträge werden "
        "aktualisiert, nie verdoppelt."
    )

    def handle(self, *args, **options):
        # Each app's demo.load() is idempotent (update_or_create on natural keys); the whole
        # load is one transaction, so a failure leaves the database as it was.
        with transaction.atomic():
            portal_demo.load(stdout=self.stdout)
            for module in project_modules("demo"):
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte geladen."))
