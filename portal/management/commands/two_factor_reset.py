from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Entfernt die zweiten Faktoren eines Kontos (Authenticator-App und "
        "Wiederherstellungscodes), z. B. nach dem Verlust des Telefons. Mit "
        "EDITOR_2FA_REQUIRED richtet ein Redaktionskonto bei der nächsten Anmeldung eine neue "
        "App ein. Sperren durch Fehlversuche hebt 'axes_reset_username' auf."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"Kein Konto mit dem Benutzernamen {username!r}.") from None
        deleted, _details = Authenticator.objects.filter(user=user).delete()
        self.stdout.write(
            self.style.SUCCESS(f"{deleted} zweite(r) Faktor(en) von {username} entfernt.")
        )
