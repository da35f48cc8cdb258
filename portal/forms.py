"""Form pieces of the kernel that the apps share: how a field renders, and date and time in
the portal's time zone."""

import re
from datetime import UTC, datetime, timedelta
from datetime import timezone as fixed_offset

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# "02:30 +01:00": a time of day with the UTC offset that says which of two equal local
# times is meant; "+0100" and "+01" are accepted too.
TIME_WITH_OFFSET = re.compile(
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})?"
)


def local_instants(wall: datetime, zone) -> list[datetime]:
    """The moments at which the clocks in ``zone`` show the naive ``wall`` time, earliest
    first: two in the hour repeated when summer time ends, none in the hour skipped when
    it begins, one otherwise."""
    moments = set()
    for fold in (0, 1):
        moment = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if moment.astimezone(zone).replace(tzinfo=None) == wall:
            moments.add(moment)
    return [moment.astimezone(zone) for moment in sorted(moments)]


def clock_change(wall: datetime, zone) -> tuple[datetime, datetime]:
    """For a ``wall`` time that is skipped or repeated: the local time the clocks show
    just before the change and the one they are set to (02:00 → 03:00 in spring)."""
    before = wall.replace(tzinfo=zone, fold=0).utcoffset()
    after = wall.replace(tzinfo=zone, fold=1).utcoffset()
    # The change lies between these two moments; halve the span down to the second.
    low = (wall - max(before, after)).replace(tzinfo=UTC)
    high = (wall - min(before, after)).replace(tzinfo=UTC)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) // 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    change = high.replace(tzinfo=None)
    return change + before, change + after


def format_offset(offset: timedelta) -> str:
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


class OffsetTimeField(forms.TimeField):
    """A time of day, optionally followed by a UTC offset ("02:30 +01:00"), which it keeps
    as the time's ``tzinfo``."""

    def to_python(self, value):
        if isinstance(value, str):
            match = TIME_WITH_OFFSET.fullmatch(value.strip())
            if match:
                offset = timedelta(hours=int(match["hours"]), minutes=int(match["minutes"] or 0))
                if match["sign"] == "-":
                    offset = -offset
                clock = super().to_python(match["time"])
                return clock.replace(tzinfo=fixed_offset(offset))
        return super().to_python(value)


class LocalSplitDateTimeField(forms.SplitDateTimeField):
    """Date and time in the portal's time zone, typed into two inputs.

    A time that the clocks show twice (the hour repeated when summer time ends) needs its
    UTC offset after it, "02:30 +01:00" for the second 02:30; a time they skip does not
    exist. Either gets one message that says so and what to type instead.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        date_field, time_field = self.fields
        offset_time_field = OffsetTimeField(
            input_formats=time_field.input_formats,
            error_messages=time_field.error_messages,
            localize=time_field.localize,
            required=time_field.required,
            disabled=time_field.disabled,
        )
        self.fields = (date_field, offset_time_field)

    def compress(self, data_list):
        if not data_list:
            return None
        day, clock = data_list
        if day in self.empty_values:
            raise ValidationError(self.error_messages["invalid_date"], code="invalid_date")
        if clock in self.empty_values:
            raise ValidationError(self.error_messages["invalid_time"], code="invalid_time")
        zone = timezone.get_current_timezone()
        wall = datetime.combine(day, clock.replace(tzinfo=None))
        offset = clock.utcoffset()
        moments = local_instants(wall, zone)
        # Returned in UTC: Python compares two datetimes of the same zone by their wall
        # times, so the second 02:10 would count as earlier than the first 02:30.
        if offset is not None:
            for moment in moments:
                if moment.utcoffset() == offset:
                    return moment.astimezone(UTC)
        if len(moments) == 1:
            if offset is None:
                return moments[0].astimezone(UTC)
            raise ValidationError(
                _(
                    "Am %(date)s um %(time)s Uhr gilt die Abweichung %(valid)s von UTC, nicht "
                    "%(given)s. Bitte die Uhrzeit ohne Abweichung eingeben."
                ),
                code="wrong_offset",
                params={
                    "date": formats.date_format(day),
                    "time": f"{wall:%H:%M}",
                    "valid": format_offset(moments[0].utcoffset()),
                    "given": format_offset(offset),
                },
            )
        clocks_from, clocks_to = clock_change(wall, zone)
        params = {
            "date": formats.date_format(day),
            "time": f"{wall:%H:%M}",
            "from": f"{clocks_from:%H:%M}",
            "to": f"{clocks_to:%H:%M}",
        }
        if not moments:
            raise ValidationError(
                _(
                    "Am %(date)s gibt es %(time)s Uhr nicht: Die Uhr wird um %(from)s Uhr auf "
                    "%(to)s Uhr vorgestellt. Bitte eine Uhrzeit vor %(from)s Uhr oder ab "
                    "%(to)s Uhr eingeben."
                ),
                code="nonexistent_time",
                params=params,
            )
        first, second = moments
        raise ValidationError(
            _(
                "Am %(date)s gibt es %(time)s Uhr zweimal: Die Uhr wird um %(from)s Uhr auf "
                "%(to)s Uhr zurückgestellt. Bitte die Abweichung von UTC dazuschreiben: "
                "„%(first)s“ für das erste Mal, „%(second)s“ für das zweite Mal."
            ),
            code="ambiguous_time",
            params={
                **params,
                "first": f"{wall:%H:%M} {format_offset(first.utcoffset())}",
                "second": f"{wall:%H:%M} {format_offset(second.utcoffset())}",
            },
        )


class LocalSplitDateTimeWidget(AdminSplitDateTime):
    """The admin's date and time inputs; a time the clocks show twice is written with its
    UTC offset, so that saving the form unchanged keeps the moment."""

    def decompress(self, value):
        if value:
            local = timezone.localtime(value)
            if len(local_instants(local.replace(tzinfo=None), local.tzinfo)) > 1:
                return [local.date(), f"{local:%H:%M} {format_offset(local.utcoffset())}"]
        return super().decompress(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        time_input = context["widget"]["subwidgets"][1]
        if TIME_WITH_OFFSET.fullmatch(str(time_input["value"] or "").strip()):
            # The admin's time input is eight characters wide; the offset would be cut off.
            time_input["attrs"]["size"] = "14"
        return context


# For ``formfield_overrides`` of a ModelAdmin or inline.
LOCAL_DATETIME = {"form_class": LocalSplitDateTimeField, "widget": LocalSplitDateTimeWidget}


class OneMessagePerFieldModelForm(forms.ModelForm):
    """The base of an admin's model form (``ModelAdmin.form``) that reports a field whose
    input could not be read once, with the form's message saying why. The model never saw
    that input (the form leaves the field out of the instance), so its ``clean()`` would
    judge a value that is not the one typed ("… brauchen einen Beginn mit Uhrzeit" for a
    time that was given)."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            kept = {
                field: messages
                for field, messages in errors.error_dict.items()
                if field not in self._errors
            }
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)


class PortalFormRenderer(DjangoTemplates):
    """Django's form renderer with the portal's template for one field, used by
    ``{{ field.as_field_group }}`` (and ``{{ form }}``).

    Django puts ``aria-describedby="<id>_helptext <id>_error"`` on a widget whose field has
    a help text or errors; the field template renders the elements with exactly those ids.
    Page templates therefore render a field through it rather than piece by piece, so that
    no reference points to an element that is not there."""

    field_template_name = "portal/forms/field.html"
