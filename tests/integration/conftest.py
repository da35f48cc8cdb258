"""The integration pass: a real Redis (Debian's ``redis-server``) and a real Celery worker
process, on the PostgreSQL test database. The worker reads the database the test commits
to (``transaction=True``) and sends its e-mails with the flaky test backend, which fails
once and writes every sent e-mail to a directory the test reads."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from tests.conftest import REQUIRE_ALL

ROOT = Path(settings.BASE_DIR)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        if REQUIRE_ALL:
            pytest.fail("redis-server is required for the integration pass (REQUIRE_ALL=1)")
        pytest.skip("redis-server is not installed")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _attempt in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail("redis-server did not start")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def _database_url(settings_dict) -> str:
    host = settings_dict["HOST"] or "localhost"
    location = quote(host, safe="") if host.startswith("/") else host
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    credentials = settings_dict["USER"] or ""
    if settings_dict.get("PASSWORD"):
        credentials += f":{quote(settings_dict['PASSWORD'], safe='')}"
    at = "@" if credentials else ""
    return f"postgres://{credentials}{at}{location}{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(redis_url, django_db_setup, django_db_blocker, tmp_path_factory):
    """A worker process on the test database; yields the directory of its sent e-mails."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the integration pass runs on PostgreSQL (the worker shares its database)")
    mail_dir = tmp_path_factory.mktemp("mail")
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_BROKER_URL": redis_url,
        "EMAIL_BACKEND": "tests.notifications.flaky_backend.FlakyBackend",
        "FLAKY_EMAIL_DIR": str(mail_dir),
        "DEBUG": "1",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while b"ready." not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the Celery worker did not start:\n" + log.read_text()[-3000:])
        time.sleep(0.2)

    from portal.celery import app

    previous = (app.conf.broker_url, app.conf.task_always_eager)

    def use_broker(url, eager):
        # The connection and producer pools are made once, for the broker of that time.
        app.conf.update(broker_url=url, task_always_eager=eager)
        app._pool = None
        app.amqp._producer_pool = None

    use_broker(redis_url, False)
    yield mail_dir
    use_broker(*previous)
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(condition, timeout=30.0, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")
