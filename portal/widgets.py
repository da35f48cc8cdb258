"""Form widgets of the kernel that the apps share."""

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _


class CoordinatePickerWidget(forms.NumberInput):
    """The latitude input with a small Leaflet map beside it: a click (or dragging the marker)
    fills this field and the paired longitude field of the same form, and typing in either
    field moves the marker. Works without GDAL; the map draws the portal's own outline of
    Germany and loads no tiles, so the admin contacts no other host.

    Use it on the latitude field: ``widgets = {"latitude": CoordinatePickerWidget()}``; the
    longitude field is found by name (``longitude`` with the same form prefix).
    """

    template_name = "portal/widgets/coordinate_picker.html"

    def __init__(
        self, *, longitude_field: str = "longitude", latitude_field: str = "latitude", attrs=None
    ):
        super().__init__(attrs={"step": "any", **(attrs or {})})
        self.longitude_field = longitude_field
        self.latitude_field = latitude_field

    class Media:
        css = {"all": ["leaflet/leaflet.css", "portal/css/coordinate-picker.css"]}
        js = ["leaflet/leaflet.js", "portal/js/coordinate-picker.js"]

    def longitude_name(self, name: str) -> str:
        prefix = name[: -len(self.latitude_field)] if name.endswith(self.latitude_field) else ""
        return prefix + self.longitude_field

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "longitude_name": self.longitude_name(name),
            "outline_url": static("portal/geo/germany.geojson"),
            "label": _("Karte zur Auswahl der Koordinaten"),
            "hint": _(
                "In die Karte klicken oder die Markierung ziehen, um Breiten- und Längengrad "
                "zu setzen; die Felder lassen sich auch direkt ausfüllen."
            ),
        }
        return context


class CoordinatePickerFormMixin:
    """A ModelForm mixin that puts the picker on ``latitude`` and pairs it with
    ``longitude`` (both float fields of the model)."""

    coordinate_fields = ("latitude", "longitude")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latitude, longitude = self.coordinate_fields
        if latitude in self.fields and longitude in self.fields:
            self.fields[latitude].widget = CoordinatePickerWidget(
                latitude_field=latitude, longitude_field=longitude
            )
            self.fields[longitude].widget.attrs.setdefault("step", "any")
