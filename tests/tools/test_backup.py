"""Backups round-trip the demo database: back up, empty the database, restore, compare."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import Theme

# Short-lived data that backups leave out on purpose.
NOT_BACKED_UP = {"sessions.Session", "axes.AccessAttempt"}


def counts_per_model() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label not in NOT_BACKED_UP and not model._meta.proxy
    }


def round_trip(tmp_path, settings, **backup_options) -> tuple[dict, dict, str]:
    settings.BACKUP_DIR = tmp_path
    call_command("load_demo", stdout=StringIO())
    before = counts_per_model()
    output = StringIO()
    call_command("backup", stdout=output, **backup_options)
    (backup,) = tmp_path.iterdir()
    call_command("flush", interactive=False, verbosity=0)
    assert Theme.objects.count() == 0
    call_command("restore", str(backup), interactive=False, stdout=StringIO())
    return before, counts_per_model(), backup.name


# Transactional: on PostgreSQL the restore's TRUNCATE may not follow writes of the same
# transaction, and pg_dump reads the database from another connection.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_json_backup_round_trips_the_demo_database(tmp_path, settings, editor):
    # JSON is the format on SQLite; on PostgreSQL it is the portable alternative.
    before, after, name = round_trip(tmp_path, settings, json=True)
    assert name.startswith("portal-") and name.endswith(".json.gz")
    assert sum(before.values()) > 100, "the demo database should not be almost empty"
    assert after == before
    # Users, their groups and the editors' permissions come back intact.
    from django.contrib.auth import get_user_model

    restored = get_user_model().objects.get(username="redaktion")
    assert restored.check_password("ein-langes-passwort-123")
    assert restored.has_perm("portal.change_theme")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_backup_round_trips_the_demo_database(tmp_path, settings):
    before, after, name = round_trip(tmp_path, settings)
    assert name.endswith(".dump")
    assert sum(before.values()) > 100
    assert after == before


@pytest.mark.django_db
def test_restore_refuses_a_missing_file_and_a_dump_outside_postgres(tmp_path, settings):
    with pytest.raises(CommandError, match="nicht gefunden"):
        call_command("restore", str(tmp_path / "fehlt.json.gz"), interactive=False)
    dump = tmp_path / "portal.dump"
    dump.write_bytes(b"PGDMP")
    from django.db import connection

    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="nur in PostgreSQL"):
            call_command("restore", str(dump), interactive=False)


@pytest.mark.django_db
def test_restore_asks_before_replacing_everything(tmp_path, settings, monkeypatch):
    settings.BACKUP_DIR = tmp_path
    call_command("backup", stdout=StringIO())
    (backup,) = tmp_path.iterdir()
    themes = Theme.objects.count()
    monkeypatch.setattr("builtins.input", lambda prompt: "nein")
    with pytest.raises(CommandError, match="Abgebrochen"):
        call_command("restore", str(backup), stdout=StringIO())
    assert Theme.objects.count() == themes > 0
