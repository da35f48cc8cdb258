"""Editors' django-otp TOTP devices become allauth.mfa authenticators (the same secret, so
their authenticator app keeps working); then django-otp's table goes with its secrets."""

from django.db import migrations


def forwards(apps, schema_editor):
    from portal.two_factor import convert_otp_devices

    connection = schema_editor.connection
    convert_otp_devices(connection, apps.get_model("mfa", "Authenticator"))
    if "otp_totp_totpdevice" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE otp_totp_totpdevice")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_tombstone_dissolved"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
