#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server.

    python scripts/throwaway_postgres.py -- pytest -m "not browser"

Creates a cluster in a temporary directory, starts it on a Unix socket in that directory
(no TCP port, so parallel runs never collide), runs the command with DATABASE_URL pointing
at it, then stops the server and deletes the directory. As root, the server runs as the
``postgres`` user (initdb refuses root).

Without PostgreSQL server binaries it prints why and exits 0, or 1 when REQUIRE_ALL=1.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote


def find_bindir() -> Path | None:
    """PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else initdb on PATH."""
    configured = os.environ.get("PG_BINDIR")
    if configured:
        return Path(configured) if (Path(configured) / "initdb").exists() else None
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name),
        reverse=True,
    )
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    require_all = os.environ.get("REQUIRE_ALL", "") in {"1", "true", "yes"}
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found: PostgreSQL pass skipped.", flush=True)
        return 1 if require_all else 0

    as_postgres: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="portal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres", group="postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    datadir = workdir / "data"
    log = workdir / "server.log"
    started = False
    try:
        subprocess.run(
            [
                *as_postgres,
                bindir / "initdb",
                "-D",
                datadir,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # Durability off (a throwaway); random_page_cost as docker-compose's database has it,
        # so that query plans match production.
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{workdir}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=50 -c random_page_cost=1.1"
        )
        subprocess.run(
            [
                *as_postgres,
                bindir / "pg_ctl",
                "-D",
                datadir,
                "-o",
                options,
                "-l",
                log,
                "-w",
                "-s",
                "start",
            ],
            check=True,
        )
        started = True
        print(f"Throwaway PostgreSQL ({bindir.parent.name}) started.", flush=True)
        env = dict(
            os.environ, DATABASE_URL=f"postgres://postgres@{quote(str(workdir), safe='')}/postgres"
        )
        return subprocess.run(argv, env=env).returncode
    except subprocess.CalledProcessError as error:
        print(f"Could not start PostgreSQL: {error}", file=sys.stderr)
        if log.exists():
            print(log.read_text(errors="replace"), file=sys.stderr)
        return 1
    finally:
        if started:
            subprocess.run(
                [*as_postgres, bindir / "pg_ctl", "-D", datadir, "-m", "immediate", "-s", "stop"],
                check=False,
            )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
