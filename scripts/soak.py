#!/usr/bin/env python3
"""Soak test: many clients for minutes on a mix of pages; no error, bounded memory.

    make soak        (= python scripts/throwaway_postgres.py -- python scripts/soak.py)

Migrates the (throwaway) PostgreSQL database of DATABASE_URL, loads the demo content and
synthetic data (``generate_scale_data``), starts gunicorn with production settings and lets
wrk rotate through a mix of pages (lists, filtered lists, searches, detail pages, month
view, map data, API, feeds) with SOAK_CLIENTS connections for SOAK_SECONDS. Meanwhile it
records the resident memory (RSS) of the gunicorn workers every SOAK_SAMPLE seconds.

Fails (exit 1) on any error — an answer other than 2xx/3xx, or a socket error (connect,
read, write, timeout) — or when the workers' memory at the end exceeds their memory after
the warm-up by more than SOAK_MAX_GROWTH per cent.

Environment (defaults in brackets): SOAK_CLIENTS [50], SOAK_SECONDS [120], SOAK_WARMUP [15],
SOAK_SAMPLE [15], SOAK_MAX_GROWTH [50], SOAK_SCALE [small], SOAK_WORKERS [3],
SOAK_THREADS [2] (wrk threads), SOAK_ALLOW_SQLITE=1 to try it without PostgreSQL.
"""

import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "scripts" / "soak.lua"

_spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# The mix: every page type a visitor reaches, plus the machine-readable channels. Detail
# pages are added from the links of the list pages when the run starts.
PAGES = [
    "/",
    "/suche/?q=digital",
    "/suche/?q=Gelsenkirchen",
    "/kommunen/",
    "/kommunen/?q=stadt&state=05",
    "/kommunen/?page=3",
    "/kommunen/vergleich/",
    "/atlas/",
    "/praxisbeispiele/",
    "/praxisbeispiele/?q=daten",
    "/praxisbeispiele/vorschlagen/",
    "/termine/",
    "/termine/archiv/",
    "/termine/kalender/",
    "/expertenkreise/",
    "/foerderprogramme/",
    "/foerderprogramme/fristen/",
    "/foerderprogramme/passt-zu-meiner-kommune/",
    "/termine/kalender.ics",
    "/foerderprogramme/aenderungen.atom",
    "/api/v1/municipalities/?page_size=20",
    "/api/v1/events/",
    "/api/v1/funding-programmes/",
    "/api/v1/projects/",
    "/api/v1/municipalities/geojson/?page_size=100",
    "/sitemap.xml",
    "/healthz",
]
DETAIL_SOURCES = {
    "/kommunen/": "/kommunen/",
    "/praxisbeispiele/": "/praxisbeispiele/",
    "/termine/": "/termine/",
    "/expertenkreise/": "/expertenkreise/",
    "/foerderprogramme/": "/foerderprogramme/",
}
DETAILS_PER_LIST = 4


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def detail_paths(port: int) -> list[str]:
    paths = []
    for list_path, prefix in DETAIL_SOURCES.items():
        parser = _Links()
        parser.feed(bench.fetch(port, list_path).body.decode("utf-8", "replace"))
        pattern = re.compile(rf"^{re.escape(prefix)}[^/?#]+/$")
        found = []
        for href in parser.hrefs:
            path = urlsplit(href).path
            if pattern.match(path) and path not in found and "vorschlagen" not in path:
                found.append(path)
        paths += found[:DETAILS_PER_LIST]
    return paths


def worker_pids(master: int) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        match = re.search(r"^PPid:\s+(\d+)", text, re.M)
        if match and int(match.group(1)) == master:
            pids.append(int(status.parent.name))
    return sorted(pids)


def rss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def sample(master: int, label: str, elapsed: float) -> dict:
    workers = {pid: rss_kib(pid) for pid in worker_pids(master)}
    entry = {
        "at": label,
        "seconds": round(elapsed, 1),
        "workers": len(workers),
        "rss_mib": {str(pid): round(kib / 1024, 1) for pid, kib in workers.items()},
        "total_mib": round(sum(workers.values()) / 1024, 1),
    }
    print(
        f"   memory {label:>9} ({entry['seconds']:6.1f} s): {entry['total_mib']:7.1f} MiB in "
        f"{entry['workers']} workers {sorted(entry['rss_mib'].values())}",
        flush=True,
    )
    return entry


def run_wrk(port: int, paths_file: Path, *, clients: int, seconds: int, threads: int):
    command = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s"]
    command += ["--timeout", "10s", "-s", str(LUA), f"http://{bench.HOST}:{port}/"]
    env = dict(os.environ, SOAK_PATHS=str(paths_file))
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)


def parse_wrk(output: str) -> dict:
    for line in output.splitlines():
        if line.startswith("SOAK_JSON "):
            return json.loads(line.removeprefix("SOAK_JSON "))
    raise SystemExit("wrk printed no result:\n" + output)


def main() -> int:
    if not shutil.which("wrk"):
        print("make soak needs wrk: apt-get install wrk (Debian/Ubuntu).", file=sys.stderr)
        return 1
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres") and os.environ.get("SOAK_ALLOW_SQLITE") != "1":
        print("The soak test runs on PostgreSQL: use `make soak`.", file=sys.stderr)
        return 1
    clients = bench.env_int("SOAK_CLIENTS", 50)
    seconds = bench.env_int("SOAK_SECONDS", 120)
    warmup = bench.env_int("SOAK_WARMUP", 15)
    every = bench.env_int("SOAK_SAMPLE", 15)
    max_growth = bench.env_int("SOAK_MAX_GROWTH", 50)
    threads = bench.env_int("SOAK_THREADS", 2)
    scale = os.environ.get("SOAK_SCALE") or "small"
    workdir = Path(tempfile.mkdtemp(prefix="portal-soak-"))
    redis, cache_url = bench.start_redis(workdir)
    env = dict(
        os.environ,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=bench.HOST,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_CONN_MAX_AGE="60",
        CACHE_URL=cache_url,
        STATIC_ROOT=str(workdir / "static"),
        # All clients share one address: the production API limit would answer 429.
        API_RATE_ANONYMOUS="1000000/second",
        LOG_LEVEL="WARNING",
    )
    # bench.start_gunicorn reads the number of workers from the environment.
    os.environ["BENCH_WORKERS"] = str(bench.env_int("SOAK_WORKERS", 3))
    manage = [bench.PYTHON, "manage.py"]
    gunicorn = None
    try:
        bench.step("migrate", [*manage, "migrate", "--noinput", "-v0"], env)
        bench.step("load_demo", [*manage, "load_demo"], env)
        bench.step(
            f"generate_scale_data --scale {scale}",
            [*manage, "generate_scale_data", "--scale", scale, "--flush-generated"],
            env,
        )
        bench.step("collectstatic", [*manage, "collectstatic", "--noinput", "-v0"], env)
        port = bench.free_port()
        gunicorn = bench.start_gunicorn(env, port, workdir)
        started = time.monotonic()
        samples = [sample(gunicorn.pid, "boot", 0)]

        paths = PAGES + detail_paths(port)
        broken = {path: bench.fetch(port, path).status for path in paths}
        broken = {path: status for path, status in broken.items() if status >= 400}
        if broken:
            print(f"Paths that fail before the load: {broken}", file=sys.stderr)
            return 1
        paths_file = workdir / "paths.txt"
        paths_file.write_text("\n".join(paths) + "\n")
        print(f"\n== mix of {len(paths)} paths", flush=True)

        print(f"\n== warm-up: {warmup} s, {clients} clients", flush=True)
        warm = run_wrk(port, paths_file, clients=clients, seconds=warmup, threads=threads)
        warm_result = parse_wrk(warm.communicate()[0])
        samples.append(sample(gunicorn.pid, "warm", time.monotonic() - started))

        print(f"\n== soak: {seconds} s, {clients} clients, memory every {every} s", flush=True)
        soak_started = time.monotonic()
        load = run_wrk(port, paths_file, clients=clients, seconds=seconds, threads=threads)
        next_sample = soak_started + every
        while load.poll() is None:
            time.sleep(0.5)
            if time.monotonic() >= next_sample and load.poll() is None:
                label = f"+{round(next_sample - soak_started)}s"
                samples.append(sample(gunicorn.pid, label, time.monotonic() - started))
                next_sample += every
        result = parse_wrk(load.communicate()[0])
        time.sleep(1)
        samples.append(sample(gunicorn.pid, "end", time.monotonic() - started))
        restarted = set(samples[-1]["rss_mib"]) != set(samples[1]["rss_mib"])
    finally:
        bench.stop(gunicorn)
        bench.stop(redis)

    errors = {key: value for key, value in result.items() if key.startswith("errors_")}
    error_total = sum(errors.values())
    baseline = samples[1]["total_mib"]
    end = samples[-1]["total_mib"]
    growth = (end - baseline) / baseline * 100 if baseline else 0.0
    peak = max(entry["total_mib"] for entry in samples)
    summary = {
        "clients": clients,
        "seconds": seconds,
        "paths": len(paths),
        "requests": result["requests"],
        "requests_per_second": round(result["requests"] / (result["duration_us"] / 1e6), 1),
        "latency_ms": {
            "p50": result["p50_us"] / 1000,
            "p99": result["p99_us"] / 1000,
            "max": result["max_us"] / 1000,
        },
        "status_counts": result["statuses"],
        "errors": errors,
        "warmup_requests": warm_result["requests"],
        "memory_mib": {
            "boot": samples[0]["total_mib"],
            "after_warmup": baseline,
            "peak": peak,
            "end": end,
        },
        "memory_growth_percent": round(growth, 1),
        "workers_restarted": restarted,
        "samples": samples,
    }
    print("\n== result\n" + json.dumps(summary, indent=2, ensure_ascii=False), flush=True)
    failures = []
    if error_total:
        failures.append(f"{error_total} errors: {errors}")
    if restarted:
        failures.append("gunicorn replaced workers during the run")
    if growth > max_growth:
        failures.append(f"memory grew by {growth:.1f} % (limit {max_growth} %)")
    if failures:
        print("SOAK FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print(
        f"SOAK PASSED: {result['requests']} requests, 0 errors, memory "
        f"{baseline:.1f} → {end:.1f} MiB ({growth:+.1f} %)",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
