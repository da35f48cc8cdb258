"""Form widgets of the kernel that the apps share."""

import re
from datetime import date

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

AXES = ("latitude", "longitude")
# The only form of a date that <input type="date"> takes as its value (HTML's "valid date
# string"); Python's date.fromisoformat also reads other ISO 8601 forms.
VALID_DATE_STRING = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateInput(forms.DateInput):
    """``<input type="date">``. Its value must be a date written YYYY-MM-DD: for anything
    else the browser shows an empty field, and the page is invalid HTML. So a submitted text
    that is no such date ("gestern", "31.02.2026") is not written back; the field's error
    says what is wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                valid = VALID_DATE_STRING.fullmatch(value) and date.fromisoformat(value)
            except ValueError:
                valid = False
            if not valid:
                return None
        return super().format_value(value)


class DateRangeInput(DateRangeWidget):
    """The two dates of a django-filter ``DateFromToRangeFilter`` (``<name>_after``,
    ``<name>_before``) as date inputs, each with its own label. Django renders a multi-input
    widget inside a fieldset whose legend is the field's label."""

    template_name = "portal/widgets/date_range.html"

    def __init__(self, *, labels: tuple[str, str], attrs=None):
        super().__init__(attrs)
        self.widgets = [DateInput(), DateInput()]
        self.labels = labels

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(context["widget"]["subwidgets"], self.labels, strict=True):
            subwidget["label"] = label
        return context


class CoordinatePickerWidget(forms.NumberInput):
    """A latitude or longitude input with a small Leaflet map below it: a click (or dragging
    the marker) fills this field and its partner field of the same form, and typing in either
    field moves the marker. Works without GDAL; the map draws the portal's own outline of
    Germany and loads no tiles, so the admin contacts no other host.

    Put it on the field that comes second in the form, so the map follows both inputs, e.g.
    ``widgets = {"longitude": CoordinatePickerWidget(axis="longitude",
    partner_field="latitude")}``, or use ``CoordinatePickerFormMixin``. The partner is
    found by name with the same form prefix (inline formsets work).
    """

    template_name = "portal/widgets/coordinate_picker.html"

    def __init__(
        self,
        *,
        axis: str = "longitude",
        partner_field: str = "latitude",
        own_field: str | None = None,
        attrs=None,
    ):
        if axis not in AXES:
            raise ValueError(f"axis must be one of {AXES}, not {axis!r}")
        super().__init__(attrs={"step": "any", **(attrs or {})})
        self.axis = axis
        self.partner_field = partner_field
        self.own_field = own_field or axis

    class Media:
        css = {"all": ["leaflet/leaflet.css", "portal/css/coordinate-picker.css"]}
        js = ["leaflet/leaflet.js", "portal/js/coordinate-picker.js"]

    def partner_name(self, name: str) -> str:
        """The partner input's name: ``events-0-latitude`` for ``events-0-longitude``."""
        prefix = name[: -len(self.own_field)] if name.endswith(self.own_field) else ""
        return prefix + self.partner_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "axis": self.axis,
            "partner_name": self.partner_name(name),
            "outline_url": static("portal/geo/states.geojson"),
            "label": _("Karte zur Auswahl der Koordinaten"),
            "hint": _(
                "In die Karte klicken oder die Markierung ziehen, um Breiten- und Längengrad "
                "zu setzen; die Felder lassen sich auch direkt ausfüllen."
            ),
        }
        return context


class CoordinatePickerFormMixin:
    """A ModelForm mixin that pairs two float fields (``latitude``, ``longitude`` unless
    ``coordinate_fields`` says otherwise) and shows the picker's map below the second."""

    coordinate_fields = ("latitude", "longitude")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latitude, longitude = self.coordinate_fields
        if latitude in self.fields and longitude in self.fields:
            self.fields[longitude].widget = CoordinatePickerWidget(
                axis="longitude", partner_field=latitude, own_field=longitude
            )
            self.fields[latitude].widget.attrs.setdefault("step", "any")
