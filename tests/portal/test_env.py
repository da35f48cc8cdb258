import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.env import cache_config, env_bool, env_int, env_list, env_secret


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("off", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_env_bool_rejects_unknown_value_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("FLAG", "vielleicht")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_checks_number_and_minimum(monkeypatch):
    monkeypatch.setenv("PORT", "abc")
    with pytest.raises(ImproperlyConfigured, match="PORT must be a whole number"):
        env_int("PORT", 1)
    monkeypatch.setenv("PORT", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("PORT", 1, minimum=0)
    monkeypatch.delenv("PORT")
    assert env_int("PORT", 25) == 25


def test_env_list_splits_and_strips(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_env_secret_reads_from_file_and_refuses_both(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("aus-der-datei\n")
    monkeypatch.setenv("TOKEN_FILE", str(secret_file))
    assert env_secret("TOKEN") == "aus-der-datei"
    monkeypatch.setenv("TOKEN", "direkt")
    with pytest.raises(ImproperlyConfigured, match="either TOKEN or TOKEN_FILE"):
        env_secret("TOKEN")


def test_cache_config_knows_the_supported_schemes():
    assert cache_config("redis://cache:6379/1")["BACKEND"].endswith("RedisCache")
    assert cache_config("locmem://x")["LOCATION"] == "x"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_config("memcached://x")


def run_settings(env: dict) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "PATH": "/usr/bin:/bin", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off" in result.stderr


def test_production_settings_start_with_secret_key():
    result = run_settings({"DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "a.example"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
