"""List the background tasks that failed after their retries, or run some again."""

from django.core.management.base import BaseCommand, CommandError

from portal.models import TaskFailure
from portal.services import task_failure_retry


class Command(BaseCommand):
    help = "Fehlgeschlagene Hintergrundaufgaben anzeigen (--retry ID …: erneut starten)."

    def add_arguments(self, parser):
        parser.add_argument("--retry", nargs="+", type=int, metavar="ID", default=[])

    def handle(self, *args, retry, **options):
        if retry:
            failures = list(TaskFailure.objects.filter(pk__in=retry))
            missing = sorted(set(retry) - {failure.pk for failure in failures})
            if missing:
                raise CommandError(f"Keine fehlgeschlagene Aufgabe mit der ID {missing}.")
            for failure in failures:
                task_id = task_failure_retry(failure=failure)
                self.stdout.write(f"{failure.pk}: {failure.task_name} erneut gestartet ({task_id})")
            return
        failures = TaskFailure.objects.filter(retried_at=None)
        if not failures:
            self.stdout.write("Keine fehlgeschlagenen Aufgaben.")
        for failure in failures:
            self.stdout.write(
                f"{failure.pk}\t{failure.failed_at:%Y-%m-%d %H:%M}\t{failure.task_name}\t"
                f"{failure.exception}"
            )
