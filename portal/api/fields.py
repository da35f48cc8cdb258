"""The API's typed values: one rule per kind of value, enforced by the server and stated in
the OpenAPI schema with the same pattern, so that what the schema allows the server accepts
and what it forbids the server refuses."""

import re
from datetime import date, datetime

from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
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

# An http(s) address: a host of up to five ASCII labels (punycode for other scripts) of up to
# 56 characters with a top-level domain of letters, so never longer than the 253 characters
# Django allows; an optional port; a path, query and fragment of the characters RFC 3986
# allows (others percent-encoded). A part of what Django's URLValidator accepts that a
# regular expression states exactly, and a URI by RFC 3986.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,54}[A-Za-z0-9])?"
_SEGMENT_CHARACTER = r"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
_QUERY_CHARACTER = r"(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})"
HTTP_URL = (
    rf"https?://(?:{_LABEL}\.){{1,4}}[A-Za-z]{{2,24}}(?::[0-9]{{1,5}})?"
    rf"(?:/{_SEGMENT_CHARACTER}*)*(?:\?{_QUERY_CHARACTER}*)?(?:#{_QUERY_CHARACTER}*)?"
)
HTTP_URL_PATTERN = rf"^{HTTP_URL}$"
# An e-mail address with a dot-atom before the @ and a host as above: a part of both what
# Django's EmailValidator and what the schema's "email" format accept.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
EMAIL_PATTERN = rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.){{1,4}}[A-Za-z]{{2,24}}$"


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


class APIDateField(serializers.DateField):
    """A date in and out of the API (see ``parse_api_date``)."""

    def to_internal_value(self, value):
        return parse_api_date(value)


class APIDateTimeField(serializers.DateTimeField):
    """A moment in and out of the API (see ``parse_api_datetime``), kept in the portal's
    time zone."""

    def to_internal_value(self, value):
        return self.enforce_timezone(parse_api_datetime(value))


class APIDecimalField(serializers.DecimalField):
    """An amount as a string of digits, as the schema's pattern describes it: no sign where
    the value cannot be negative, no exponent, no JSON number (a float loses cents)."""

    @property
    def pattern(self) -> str:
        whole = self.max_digits - self.decimal_places
        fraction = rf"(?:\.[0-9]{{1,{self.decimal_places}}})?"
        sign = "" if self.min_value is not None and self.min_value >= 0 else "-?"
        number = rf"[0-9]{{1,{whole}}}{fraction}"
        bound = self.max_value
        if bound is not None and re.fullmatch(r"10+", str(bound)):
            # A bound such as 100 (a percentage): fewer digits, or the bound itself.
            digits = len(str(bound)) - 1
            zeros = rf"(?:\.0{{1,{self.decimal_places}}})?"
            number = rf"(?:[0-9]{{1,{digits}}}{fraction}|{bound}{zeros})"
        return rf"^{sign}{number}$"

    def validate_empty_values(self, data):
        # "" is no amount: DRF's DecimalField would read it as null.
        return serializers.Field.validate_empty_values(self, data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not re.fullmatch(self.pattern, data):
            raise serializers.ValidationError(
                gettext("Betrag als Zeichenkette nach dem Muster %(pattern)s erwartet.")
                % {"pattern": self.pattern},
                code="invalid",
            )
        return super().to_internal_value(data)


def pattern_message(pattern: str) -> str:
    return gettext("Der Wert folgt nicht dem Muster %(pattern)s.") % {"pattern": pattern}


class APIURLField(serializers.URLField):
    """A web address as the API takes it (``HTTP_URL_PATTERN``), which the model's own
    validator then checks as in the admin. Addresses stored through the admin may hold
    other characters (an umlaut in a path): the API gives them percent-encoded, as URIs."""

    def to_representation(self, value):
        return iri_to_uri(super().to_representation(value))

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not re.fullmatch(HTTP_URL_PATTERN, value):
            raise serializers.ValidationError(pattern_message(HTTP_URL_PATTERN), code="invalid")
        return value


class APIEmailField(serializers.EmailField):
    """An e-mail address as the API takes it (``EMAIL_PATTERN``)."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and not re.fullmatch(EMAIL_PATTERN, value):
            raise serializers.ValidationError(pattern_message(EMAIL_PATTERN), code="invalid")
        return value


class PatternField(serializers.CharField):
    """Text that must match ``pattern`` (as the schema says). The field's validators run
    first, so that a refusal keeps their more telling messages."""

    def __init__(self, *, pattern: str, **kwargs):
        self.pattern = pattern
        super().__init__(**kwargs)

    def run_validators(self, value):
        super().run_validators(value)
        if value and not re.fullmatch(self.pattern, value):
            raise serializers.ValidationError(pattern_message(self.pattern), code="invalid")


class EmptyAsNullMixin:
    """A typed value that may be missing (an address, an e-mail, a choice): the database
    keeps ``""``, the API shows ``null`` — ``""`` is no address and no member of an enum.
    Writes take ``null`` or ``""`` for "none"."""

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        return None if value in ("", None) else super().to_representation(value)


class OptionalURLField(EmptyAsNullMixin, APIURLField):
    pass


class OptionalEmailField(EmptyAsNullMixin, APIEmailField):
    pass


class OptionalChoiceField(EmptyAsNullMixin, serializers.ChoiceField):
    pass


TEXT_FIELDS = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.DecimalField,
    serializers.RelatedField,
)


def request_value_error(field, value) -> str | None:
    """Why ``value`` from a request's JSON is not of the type the schema gives ``field``, or
    None. DRF alone is more lenient than the schema: it reads ``0`` as the text "0", ``"5"``
    as the number 5, ``"yes"`` as true and ``""`` as no related object; and it checks the
    length of a text after trimming its spaces."""
    if value is None:
        return None  # the field's own rule: nullable or not
    if isinstance(field, (serializers.ManyRelatedField, serializers.ListField)):
        child = getattr(field, "child_relation", None) or field.child
        if not isinstance(value, list):
            return gettext("Eine Liste erwartet.")
        return next(filter(None, (request_value_error(child, item) for item in value)), None)
    if isinstance(field, serializers.RelatedField) and value == "":
        return gettext("Ein Schlüssel erwartet (oder null, wo das Feld leer sein darf).")
    if isinstance(field, serializers.BooleanField):
        expected, name = (bool,), "true/false"
    elif isinstance(field, serializers.IntegerField):
        expected, name = (int,), gettext("eine ganze Zahl")
    elif isinstance(field, serializers.FloatField):
        expected, name = (int, float), gettext("eine Zahl")
    elif isinstance(field, TEXT_FIELDS):
        expected, name = (str,), gettext("eine Zeichenkette")
    else:
        return None
    if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
        return gettext("Falscher Typ: %(expected)s erwartet.") % {"expected": name}
    max_length = getattr(field, "max_length", None)
    if isinstance(value, str) and max_length is not None and len(value) > max_length:
        return gettext("Höchstens %(max_length)d Zeichen.") % {"max_length": max_length}
    return None


class _PatternExtension(OpenApiSerializerFieldExtension):
    """The field's usual schema with the pattern its ``to_internal_value`` enforces."""

    match_subclasses = True
    directions = {"request", "response"}

    def pattern(self) -> str:
        raise NotImplementedError

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction in self.directions:
            schema["pattern"] = self.pattern()
        return schema


class APIDateFieldExtension(_PatternExtension):
    target_class = APIDateField
    directions = {"request"}

    def pattern(self):
        return DATE_PATTERN


class APIDateTimeFieldExtension(_PatternExtension):
    target_class = APIDateTimeField
    # The rule is for what a client writes: a stored moment shown in the portal's time zone
    # may fall on the first day of 3000.
    directions = {"request"}

    def pattern(self):
        return DATETIME_PATTERN


class PatternFieldExtension(_PatternExtension):
    target_class = PatternField

    def pattern(self):
        return self.target.pattern


class APIURLFieldExtension(_PatternExtension):
    target_class = APIURLField
    # What a client writes; stored addresses keep what the admin accepted.
    directions = {"request"}

    def pattern(self):
        return HTTP_URL_PATTERN


class APIEmailFieldExtension(_PatternExtension):
    target_class = APIEmailField
    directions = {"request"}

    def pattern(self):
        return EMAIL_PATTERN


class APIDecimalFieldExtension(_PatternExtension):
    target_class = APIDecimalField

    def pattern(self):
        return self.target.pattern


class OptionalChoiceFieldExtension(OpenApiSerializerFieldExtension):
    """Answers carry a member of the enum or ``null``; requests may also send ``""``. (For
    addresses, ``portal.api.schema.answers_give_null_not_blank`` drops the ``""``
    alternative that drf-spectacular adds to the answers.)"""

    target_class = OptionalChoiceField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "response":
            schema["enum"] = [value for value in schema["enum"] if value != ""]
        return schema
