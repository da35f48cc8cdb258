"""Form widgets of the kernel that the apps share."""

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

AXES = ("latitude", "longitude")


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
            "outline_url": static("portal/geo/germany.geojson"),
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
