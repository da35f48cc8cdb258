"""The API's typed values: one rule per kind of value, enforced by the server and stated in
the OpenAPI schema with the same pattern, so that what the schema allows the server accepts
and what it forbids the server refuses."""

import re
from datetime import date, datetime

from django.utils.translation import gettext
from rest_framework import serializers

# Years before 1893 have no offset that RFC 3339 can write in Europe/Berlin (local mean time
# +00:53:28), and years of five digits are typing errors: the API takes 1900 to 2999.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
_YEAR = r"(?:19[0-9]{2}|2[0-9]{3})"
_MONTH_DAY = r"(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
DATE_PATTERN = rf"^{_YEAR}-{_MONTH_DAY}$"
DATETIME_PATTERN = rf"^{_YEAR}-{_MONTH_DAY}T{_TIME}{_OFFSET}$"


def date_message() -> str:
    return gettext("Datum im Format JJJJ-MM-TT aus den Jahren %(first)d bis %(last)d erwartet.") % {
        "first": EARLIEST_YEAR,
        "last": LATEST_YEAR,
    }


def datetime_message() -> str:
    return gettext(
        "Zeitpunkt nach RFC 3339 mit Sekunden und Zeitzone (z. B. 2026-11-01T08:00:00+01:00) "
        "aus den Jahren %(first)d bis %(last)d erwartet."
    ) % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}


def parse_api_date(raw) -> date:
    """A calendar date as the API takes it: ``YYYY-MM-DD`` in the years it accepts."""
    if not isinstance(raw, str) or not re.fullmatch(DATE_PATTERN, raw):
        raise serializers.ValidationError(date_message(), code="invalid")
    try:
        return date.fromisoformat(raw)
    except ValueError:  # well-formed but impossible, e.g. 30 February
        raise serializers.ValidationError(date_message(), code="invalid") from None


def parse_api_datetime(raw) -> datetime:
    """A moment as the API takes it: RFC 3339 with seconds and an offset, in the years it
    accepts (as written, before any conversion)."""
    if not isinstance(raw, str) or not re.fullmatch(DATETIME_PATTERN, raw):
        raise serializers.ValidationError(datetime_message(), code="invalid")
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise serializers.ValidationError(datetime_message(), code="invalid") from None
