"""Spreadsheet export (CSV/XLSX) of the attendees of events run by the centre."""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.formats.base_formats import CSV, XLSX

from events.models import Registration

EXPORT_FORMATS = {"csv": CSV, "xlsx": XLSX}


class RegistrationResource(resources.ModelResource):
    """One row per registration, oldest first, with German column names."""

    event = fields.Field(attribute="event__title", column_name=_("Termin"))
    name = fields.Field(attribute="name", column_name=_("Name"))
    email = fields.Field(attribute="email", column_name=_("E-Mail-Adresse"))
    organisation = fields.Field(attribute="organisation", column_name=_("Organisation"))
    accessibility_needs = fields.Field(
        attribute="accessibility_needs", column_name=_("Barrierefreiheit")
    )
    status = fields.Field(attribute="get_status_display", column_name=_("Status"))
    created_at = fields.Field(attribute="created_at", column_name=_("angemeldet am"))
    confirmed_at = fields.Field(attribute="confirmed_at", column_name=_("bestätigt am"))

    class Meta:
        model = Registration
        fields = [
            "event",
            "name",
            "email",
            "organisation",
            "accessibility_needs",
            "status",
            "created_at",
            "confirmed_at",
        ]
        export_order = fields


def registrations_export(queryset, file_format: str) -> bytes | str:
    """The registrations as a CSV or XLSX file."""
    queryset = queryset.select_related("event").order_by("event__start", "created_at", "pk")
    dataset = RegistrationResource().export(queryset)
    return EXPORT_FORMATS[file_format]().export_data(dataset)
