"""Budget evaluation and the result files of ``make bench`` (Markdown and JSON).

A measurement is a dict per endpoint name (see ``scripts/bench.py``): ``status`` ("ok",
"not available" or "error"), load figures from wrk (``rps``, ``p50_ms`` … ``p99_ms``,
``error_rate``), sizes (``gzip_bytes``, ``page_weight_bytes``, ``page_js_bytes``) and the
query figures of ``manage.py bench_queries`` (``queries``, ``queries_growth``, ``db_ms``).
"""

import json
from pathlib import Path

from bench.endpoints import ENDPOINTS, Budget, Endpoint

LOAD_METRICS = {"rps", "p50_ms", "p90_ms", "p95_ms", "p99_ms"}
# More failed answers than this make a load figure worthless.
MAX_ERROR_RATE = 0.01


def evaluate_budget(endpoint: Endpoint, budget: Budget, measurements: dict) -> dict:
    """One budget of one endpoint: the measured value and whether it is met (None: could
    not be measured, e.g. the endpoint does not exist yet)."""
    result = {
        "endpoint": endpoint.name,
        "budget": budget.label,
        "metric": budget.metric,
        "limit": budget.limit,
        "kind": budget.kind,
        "measured": None,
        "met": None,
        "note": "",
    }
    if budget.baseline:
        result["metric"] = f"{budget.metric} / {budget.baseline}.{budget.metric}"
    measurement = measurements.get(endpoint.name)
    if not measurement or measurement.get("status") == "not available":
        result["note"] = "not available"
        return result
    if measurement.get("status") == "error":
        result["met"] = False
        result["note"] = measurement.get("note") or "error"
        return result
    value = measurement.get(budget.metric)
    if value is not None and budget.baseline:
        baseline = measurements.get(budget.baseline) or {}
        reference = baseline.get(budget.metric)
        value = value / reference if reference else None
    if value is None:
        result["note"] = "not measured"
        return result
    result["measured"] = round(value, 3) if isinstance(value, float) else value
    met = value <= budget.limit if budget.kind == "max" else value >= budget.limit
    error_rate = measurement.get("error_rate") or 0
    if budget.metric in LOAD_METRICS and error_rate > MAX_ERROR_RATE:
        met = False
        result["note"] = f"{error_rate:.0%} error responses"
    result["met"] = met
    return result


def evaluate(measurements: dict, endpoints=ENDPOINTS) -> list[dict]:
    return [
        evaluate_budget(endpoint, budget, measurements)
        for endpoint in endpoints
        for budget in endpoint.budgets
    ]


def summary(budgets: list[dict]) -> dict:
    return {
        "met": sum(b["met"] is True for b in budgets),
        "not_met": sum(b["met"] is False for b in budgets),
        "not_available": sum(b["met"] is None for b in budgets),
    }


def build(meta: dict, measurements: dict, endpoints=ENDPOINTS) -> dict:
    """The whole result: run details, every endpoint's figures and every budget."""
    budgets = evaluate(measurements, endpoints)
    return {
        "meta": meta,
        "summary": summary(budgets),
        "endpoints": [
            {"name": e.name, **measurements.get(e.name, {"status": "not available"})}
            for e in endpoints
        ],
        "budgets": budgets,
    }


def _number(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and digits:
        return f"{value:,.{digits}f}"
    return f"{round(value):,}"


def _kilobytes(value) -> str:
    if value is None:
        return "–"
    return f"{value} B" if value < 1024 else f"{value / 1024:,.1f} KB"


def _limit(budget: dict) -> str:
    sign = "≤" if budget["kind"] == "max" else "≥"
    limit = budget["limit"]
    if budget["metric"].endswith("_bytes"):
        return f"{sign} {_kilobytes(limit)}"
    return f"{sign} {limit:g}"


def _measured(budget: dict) -> str:
    value = budget["measured"]
    if value is None:
        return "–"
    if budget["metric"].endswith("_bytes"):
        return _kilobytes(value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


MET = {True: "✅ met", False: "❌ not met", None: "– n/a"}


def render_markdown(result: dict) -> str:
    meta = result["meta"]
    lines = [f"# Benchmark {meta.get('started', '')}", ""]
    lines += [f"- **{key}**: {value}" for key, value in meta.items() if not isinstance(value, dict)]
    if meta.get("dataset"):
        counts = ", ".join(f"{label} {count:,}" for label, count in meta["dataset"].items())
        lines.append(f"- **dataset**: {counts}")
    if meta.get("search_sections"):
        sections = ", ".join(
            f"{key} {figures['db_ms']:.1f} ms ({figures['queries']} queries)"
            for key, figures in meta["search_sections"].items()
        )
        query = next(iter(meta["search_sections"].values()))["query"]
        lines.append(f"- **site search DB time per section** (“{query}”): {sections}")
    totals = result["summary"]
    lines += [
        "",
        f"Budgets: {totals['met']} met, {totals['not_met']} not met, "
        f"{totals['not_available']} not available.",
        "",
        "Sizes are gzip-compressed bodies (text the server sent uncompressed is counted "
        "gzipped, as behind a compressing proxy); page weight adds the same-origin CSS, JS "
        "and images the HTML references. Queries and DB time: one request with an empty "
        "cache through Django's test client (`manage.py bench_queries`). “not available”: "
        "the endpoint answered 404 (not built yet).",
        "",
        "## Endpoints",
        "",
        "| endpoint | path | c | status | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| gzip size | page weight | JS | queries | DB ms |",
        "|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in result["endpoints"]:
        status = row.get("status", "")
        if row.get("http_status") and status != "not available":
            status = f"{status} ({row['http_status']})"
        lines.append(
            "| {name} | `{path}` | {c} | {status} | {rps} | {p50} | {p95} | {p99} | {errors} "
            "| {size} | {weight} | {js} | {queries} | {db} |".format(
                name=row["name"],
                path=row.get("path", ""),
                c=row.get("concurrency", ""),
                status=status,
                rps=_number(row.get("rps")),
                p50=_number(row.get("p50_ms"), 1),
                p95=_number(row.get("p95_ms"), 1),
                p99=_number(row.get("p99_ms"), 1),
                errors=("–" if row.get("error_rate") is None else f"{row['error_rate']:.1%}"),
                size=_kilobytes(row.get("gzip_bytes")),
                weight=_kilobytes(row.get("page_weight_bytes")),
                js=_kilobytes(row.get("page_js_bytes")),
                queries=_number(row.get("queries")),
                db=_number(row.get("db_ms"), 1),
            )
        )
    lines += [
        "",
        "## Budgets",
        "",
        "| budget | endpoint | limit | measured | result | note |",
        "|---|---|--:|--:|---|---|",
    ]
    for budget in result["budgets"]:
        lines.append(
            f"| {budget['budget']} | {budget['endpoint']} | {_limit(budget)} "
            f"| {_measured(budget)} | {MET[budget['met']]} | {budget['note']} |"
        )
    notes = [row for row in result["endpoints"] if row.get("note")]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- **{row['name']}**: {row['note']}" for row in notes]
    return "\n".join(lines) + "\n"


def write(result: dict, directory: Path, stamp: str) -> list[Path]:
    """``<stamp>.md``/``.json`` and the same as ``latest.md``/``.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    markdown = render_markdown(result)
    data = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    written = []
    for name in (stamp, "latest"):
        for suffix, content in ((".md", markdown), (".json", data)):
            path = directory / f"{name}{suffix}"
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written
