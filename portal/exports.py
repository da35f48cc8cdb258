"""Streaming CSV and JSON exports of a filtered list, for every app.

Rows are produced one by one from a queryset iterator and written to the response as they
come, so an export of 100,000 rows never holds them all in memory. Values must be
round-trippable keys (ids, slugs, AGS), not display names.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

# Rows fetched per database round trip; prefetch_related runs once per chunk.
CHUNK_SIZE = 2000


class _Echo:
    """A file-like object whose write() returns what it was given, for csv.writer."""

    def write(self, value):
        return value


def export_rows(queryset: QuerySet, row: Callable[[object], dict]) -> Iterator[dict]:
    """The queryset as dicts, fetched in chunks (prefetches run once per chunk)."""
    for instance in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield row(instance)


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV
# injection"): such text gets a leading apostrophe, so that it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value):
    if isinstance(value, str):
        return _text_cell(value)
    value = _plain(value)
    if isinstance(value, (list, tuple)):
        return _text_cell(";".join(str(item) for item in value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_response(rows: Iterable[dict], *, fieldnames: list[str], filename: str):
    """A streamed CSV file (UTF-8 with BOM for spreadsheets; lists joined with ``;``; text
    that a spreadsheet would run as a formula starts with an apostrophe)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(fieldnames)
        for row in rows:
            yield writer.writerow([_csv_cell(row.get(name)) for name in fieldnames])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(rows: Iterable[dict], *, filename: str):
    """A streamed JSON array of objects."""

    def chunks():
        yield "["
        for index, row in enumerate(rows):
            prefix = "," if index else ""
            yield (
                prefix
                + "\n"
                + json.dumps({key: _plain(value) for key, value in row.items()}, ensure_ascii=False)
            )
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
