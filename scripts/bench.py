#!/usr/bin/env python3
"""The benchmark behind ``make bench``.

Runs against the database in DATABASE_URL (``make bench`` starts a throwaway PostgreSQL
with scripts/throwaway_postgres.py): migrates, generates synthetic data, collects static
files, counts the SQL queries of every endpoint (``manage.py bench_queries``), starts
gunicorn with production settings and loads each endpoint of bench/endpoints.py with wrk.
Writes bench/results/<timestamp>.md and .json and bench/results/latest.md and .json.

Environment:
  BENCH_SCALE     national (default) or small
  BENCH_SEED      seed of the synthetic data (default 2019)
  BENCH_DURATION  seconds of wrk per endpoint (default 10)
  BENCH_WARMUP    seconds of wrk before each measurement, not counted (default 2)
  BENCH_WORKERS   gunicorn workers (default 3, as in the Dockerfile)
  BENCH_THREADS   wrk threads (default 2)
  BENCH_RESULTS   directory of the result files (default bench/results)
  BENCH_ONLY      comma-separated endpoint names to measure (default: all; the baseline
                  /healthz is always measured)
  BENCH_ALLOW_SQLITE=1  run against SQLite (for trying the script; figures not comparable)
"""

import gzip
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402
from bench.endpoints import BASELINE, ENDPOINTS  # noqa: E402

PYTHON = sys.executable
LUA = ROOT / "bench" / "report.lua"
HOST = "127.0.0.1"
TEXT_TYPES = re.compile(r"^(text/|application/(json|javascript|xml|geo\+json|.*\+json|.*\+xml))")


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def step(label: str, command: list[str], env: dict) -> float:
    print(f"\n== {label}", flush=True)
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    elapsed = time.perf_counter() - started
    print(f"== {label}: {elapsed:.1f} s", flush=True)
    return elapsed


# --- Fetching -----------------------------------------------------------------------------


class Response:
    def __init__(self, status: int, headers: dict, raw: bytes):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.compressed = headers.get("content-encoding") == "gzip"
        self.body = gzip.decompress(raw) if self.compressed else raw

    @property
    def gzip_bytes(self) -> int:
        """What a browser sending Accept-Encoding: gzip transfers (body), counting text that
        the server sent uncompressed as gzipped: a compressing proxy is assumed in front."""
        if self.compressed or not TEXT_TYPES.match(self.headers.get("content-type", "")):
            return len(self.raw)
        # Servers leave tiny bodies uncompressed, where gzip would make them larger.
        return min(len(self.raw), len(gzip.compress(self.raw, compresslevel=6)))


def fetch(port: int, path: str, headers: dict | None = None) -> Response:
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
        answer = connection.getresponse()
        raw = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, raw)
    finally:
        connection.close()


class AssetParser(HTMLParser):
    """Same-page resources a browser loads: stylesheets, icons, preloads, scripts, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href"):
            rel = set((attributes.get("rel") or "").lower().split())
            if rel & {"stylesheet", "icon", "preload", "modulepreload"}:
                self.urls.append(attributes["href"])
        elif tag in {"script", "img"} and attributes.get("src"):
            self.urls.append(attributes["src"])


def page_weight(port: int, path: str, page: Response) -> dict:
    parser = AssetParser()
    parser.feed(page.body.decode("utf-8", errors="replace"))
    base = f"http://{HOST}:{port}{path}"
    total, javascript, assets = page.gzip_bytes, 0, []
    for url in dict.fromkeys(urljoin(base, ref) for ref in parser.urls):
        parts = urlsplit(url)
        if parts.netloc != f"{HOST}:{port}":
            continue  # other hosts (none are allowed; map tiles are excluded by the issue)
        asset = fetch(port, parts.path + (f"?{parts.query}" if parts.query else ""))
        size = asset.gzip_bytes
        total += size
        if parts.path.endswith((".js", ".mjs")) or "javascript" in asset.headers.get(
            "content-type", ""
        ):
            javascript += size
        assets.append({"url": parts.path, "status": asset.status, "gzip_bytes": size})
    return {"page_weight_bytes": total, "page_js_bytes": javascript, "page_assets": assets}


# --- Load ---------------------------------------------------------------------------------


def run_wrk(port, path, *, concurrency, seconds, headers, vary_query) -> dict:
    threads = max(1, min(env_int("BENCH_THREADS", 2), concurrency))
    command = ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{seconds}s"]
    command += ["--timeout", "30s", "-s", str(LUA), "-H", "Accept-Encoding: gzip"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    env = dict(os.environ, WRK_VARY_QUERY="1" if vary_query else "0")
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    requests = figures["requests"]
    errors = sum(value for key, value in figures.items() if key.startswith("errors_"))
    return {
        "requests": requests,
        "rps": round(requests / (figures["duration_us"] / 1e6), 1),
        "p50_ms": figures["p50_us"] / 1000,
        "p90_ms": figures["p90_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "max_ms": figures["max_us"] / 1000,
        "errors": errors,
        "error_rate": round(errors / requests, 4) if requests else 1.0,
        "wire_bytes_per_request": round(figures["bytes"] / requests) if requests else None,
    }


def measure(endpoint, port: int, counted: dict, *, seconds: int, warmup: int) -> dict:
    """Everything about one endpoint; figures from bench_queries are merged in."""
    path = counted.get("path") or endpoint.path
    result = {"path": path, "concurrency": endpoint.concurrency}
    if counted.get("status") == "not available" and endpoint.detail_of:
        result["path"] = f"(a {endpoint.detail_of} page)"
        return {**result, "status": "not available", "note": f"no {endpoint.detail_of} page"}
    headers = dict(endpoint.headers)
    first = fetch(port, path, headers)
    result["http_status"] = first.status
    if first.status == 404:
        return {**result, "status": "not available"}
    if first.status >= 400:
        return {**result, "status": "error", "note": f"HTTP {first.status}"}
    answer = first
    if endpoint.conditional:
        if "etag" not in first.headers:
            return {**result, "status": "error", "note": "no ETag, so no 304"}
        headers["If-None-Match"] = first.headers["etag"]
        answer = fetch(port, path, headers)
        result["http_status"] = answer.status
        if answer.status != 304:
            return {**result, "status": "error", "note": f"If-None-Match gave {answer.status}"}
    result.update(
        status="ok",
        body_bytes=len(answer.body),
        gzip_bytes=answer.gzip_bytes,
        served_gzip=answer.compressed,
        content_type=answer.headers.get("content-type", ""),
        cache_control=answer.headers.get("cache-control", ""),
    )
    if endpoint.page and first.status == 200:
        result.update(page_weight(port, path, first))
    for key in ("queries", "queries_cached", "queries_growth", "db_ms", "slowest_query_ms"):
        if key in counted:
            result[key] = counted[key]
    options = {
        "concurrency": endpoint.concurrency,
        "headers": headers,
        "vary_query": endpoint.vary_query,
    }
    if warmup:
        run_wrk(port, path, seconds=warmup, **options)
    result.update(run_wrk(port, path, seconds=seconds, **options))
    return result


# --- Processes ----------------------------------------------------------------------------


def start_redis(workdir: Path) -> tuple[subprocess.Popen | None, str]:
    server = shutil.which("redis-server")
    if not server:
        return None, "locmem://bench"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://{HOST}:{port}/0"


def start_gunicorn(env: dict, port: int, workdir: Path) -> subprocess.Popen:
    workers = env_int("BENCH_WORKERS", 3)
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    command = [PYTHON, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/healthz").status == 200:
                return process
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.terminate()
    raise SystemExit("gunicorn did not start:\n" + (workdir / "gunicorn.log").read_text())


def stop(process: subprocess.Popen | None) -> None:
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def version_of(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except OSError:
        return "not installed"
    output = (done.stdout or done.stderr).strip()
    return output.splitlines()[0].strip() if output else ""


def git_revision() -> str:
    revision = version_of(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "--quiet", "HEAD"], capture_output=True
    ).returncode
    return revision + ("-dirty" if dirty else "")


# --- Main ---------------------------------------------------------------------------------


def main() -> int:
    if not shutil.which("wrk"):
        print(
            "make bench needs wrk: apt-get install wrk (Debian/Ubuntu), brew install wrk "
            "(macOS), or build it from https://github.com/wg/wrk.",
            file=sys.stderr,
        )
        return 1
    database_url = os.environ.get("DATABASE_URL", "")
    if (
        not database_url.startswith(("postgres", "postgis"))
        and os.environ.get("BENCH_ALLOW_SQLITE") != "1"
    ):
        print("The benchmark runs on PostgreSQL: use `make bench`.", file=sys.stderr)
        return 1
    scale = os.environ.get("BENCH_SCALE") or "national"
    seed = os.environ.get("BENCH_SEED") or "2019"
    seconds = env_int("BENCH_DURATION", 10)
    warmup = env_int("BENCH_WARMUP", 2)
    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    redis, cache_url = start_redis(workdir)
    gunicorn = None
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_CONN_MAX_AGE="60",
        CACHE_URL=cache_url,
        STATIC_ROOT=str(workdir / "static"),
        # wrk is one client address: the production limit of 120/minute would answer 429.
        # A one-second window keeps DRF's per-client history short, as in production.
        API_RATE_ANONYMOUS="1000000/second",
        LOG_LEVEL="WARNING",
    )
    manage = [PYTHON, "manage.py"]
    try:
        step("migrate", [*manage, "migrate", "--noinput", "-v0"], env)
        generate_seconds = step(
            f"generate_scale_data --scale {scale} --seed {seed}",
            [*manage, "generate_scale_data", "--scale", scale, "--seed", seed, "--flush-generated"],
            env,
        )
        step("collectstatic", [*manage, "collectstatic", "--noinput", "-v0"], env)
        queries_file = workdir / "queries.json"
        step("bench_queries", [*manage, "bench_queries", "--output", str(queries_file)], env)
        counted = json.loads(queries_file.read_text())
        port = free_port()
        gunicorn = start_gunicorn(env, port, workdir)
        load_before = os.getloadavg()[0]
        print(f"\n== wrk, {seconds} s per endpoint (+{warmup} s warm-up)", flush=True)
        only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name}
        endpoints = [e for e in ENDPOINTS if not only or e.name in only or e.name == BASELINE]
        measurements = {}
        for endpoint in endpoints:
            figures = measure(
                endpoint,
                port,
                counted["endpoints"].get(endpoint.name, {}),
                seconds=seconds,
                warmup=warmup,
            )
            measurements[endpoint.name] = figures
            if figures["status"] == "ok":
                print(
                    f"{endpoint.name}: {figures['rps']:.0f} req/s, p95 {figures['p95_ms']:.1f} "
                    f"ms, errors {figures['error_rate']:.1%}",
                    flush=True,
                )
            else:
                print(f"{endpoint.name}: {figures['status']} {figures.get('note', '')}")
        meta = {
            "started": started.isoformat(timespec="seconds"),
            "revision": git_revision(),
            "scale": scale,
            "seed": seed,
            "generate_seconds": round(generate_seconds, 1),
            "database": counted["database"],
            "cache": cache_url.split(":")[0],
            "server": f"gunicorn, {env_int('BENCH_WORKERS', 3)} sync workers, DEBUG=0",
            "load": f"{version_of(['wrk', '-v'])}; {seconds} s per endpoint after "
            f"{warmup} s warm-up",
            "machine": f"{os.cpu_count()} CPUs, {platform.platform()}",
            # Other work on the machine skews the figures: the 1-minute load average.
            "load_average": f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after wrk",
            "python": platform.python_version(),
            "dataset": counted["dataset"],
            "search_sections": counted.get("search_sections", {}),
        }
        result = report.build(meta, measurements, endpoints)
        directory = Path(os.environ.get("BENCH_RESULTS") or ROOT / "bench" / "results")
        written = report.write(result, directory, stamp)
        print("\n" + report.render_markdown(result))
        print("Written: " + ", ".join(str(path) for path in written))
        return 0
    finally:
        stop(gunicorn)
        stop(redis)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
