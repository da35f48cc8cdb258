"""Backups of the database: pg_dump/pg_restore on PostgreSQL, JSON fixtures otherwise.

Used by the ``backup`` and ``restore`` management commands (``make backup``,
``make restore FILE=…``).
"""

import glob
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

POSTGRES_SUFFIX = ".dump"
JSON_SUFFIX = ".json.gz"
# Not content: rebuilt by migrate (content types, permissions) or short-lived (sessions,
# the login throttle's attempts). Everything else, the admin's history included, is kept.
JSON_EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
]


def backup_path(*, vendor: str, directory: Path | None = None) -> Path:
    """A new timestamped file name in BACKUP_DIR for the database's native format."""
    directory = Path(directory or settings.BACKUP_DIR)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    suffix = POSTGRES_SUFFIX if vendor == "postgresql" else JSON_SUFFIX
    return directory / f"portal-{stamp}{suffix}"


def postgres_program(name: str) -> str:
    """pg_dump or pg_restore: from PG_BINDIR, PATH, or the newest /usr/lib/postgresql/*/bin.

    pg_dump must be at least as new as the server, so the operator may name the directory.
    """
    configured = os.environ.get("PG_BINDIR")
    if configured:
        candidate = Path(configured) / name
        if candidate.exists():
            return str(candidate)
        raise CommandError(f"{name} fehlt in PG_BINDIR={configured}.")
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if candidates:
        return candidates[-1]
    raise CommandError(
        f"{name} nicht gefunden: PostgreSQL-Client installieren oder PG_BINDIR setzen."
    )


def postgres_environment(settings_dict: dict) -> dict[str, str]:
    """The connection as libpq variables, so the password never appears in a process list."""
    environment = dict(os.environ)
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    environment.update({key: str(value) for key, value in values.items() if value})
    return environment


def run_postgres_program(arguments: list[str], settings_dict: dict) -> None:
    result = subprocess.run(
        arguments,
        env=postgres_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        program = Path(arguments[0]).name
        raise CommandError(f"{program} ist fehlgeschlagen:\n{result.stderr.strip()}")
