"""Spreadsheet import and export (CSV/XLSX) of programmes and calls.

Programmes are keyed by slug, calls by programme slug + title; many-to-many values are
lists of codes/slugs separated by commas. An import is one transaction: a single bad row
and nothing is imported; each error names its row.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from funding.models import (
    PROGRAMME_FIELDS,
    Applicant,
    FundingCall,
    FundingProgramme,
    validate_programme_states,
)
from portal.models import FederalState, Theme


class AtomicResource(resources.ModelResource):
    """All or nothing: a row that fails validation rolls back the whole import too (by
    default django-import-export rolls back only on exceptions)."""

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)


class FundingProgrammeResource(AtomicResource):
    states = fields.Field(
        attribute="states",
        column_name="states",
        widget=widgets.ManyToManyWidget(FederalState, field="code"),
    )
    eligible_applicants = fields.Field(
        attribute="eligible_applicants",
        column_name="eligible_applicants",
        widget=widgets.ManyToManyWidget(Applicant, field="slug"),
    )
    themes = fields.Field(
        attribute="themes",
        column_name="themes",
        widget=widgets.ManyToManyWidget(Theme, field="slug"),
    )

    class Meta:
        model = FundingProgramme
        import_id_fields = ["slug"]
        # The key first, then the fields as the admin groups them.
        fields = [
            "slug",
            *(name for name in PROGRAMME_FIELDS if name != "slug"),
            "status",
            "last_verified_on",
        ]
        export_order = fields
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False

    def before_save_instance(self, instance, row, **kwargs):
        states = self.fields["states"].clean(row) if "states" in row else []
        validate_programme_states(instance.level, states)


class FundingCallResource(AtomicResource):
    programme = fields.Field(
        attribute="programme",
        column_name="programme",
        widget=widgets.ForeignKeyWidget(FundingProgramme, field="slug"),
    )

    class Meta:
        model = FundingCall
        import_id_fields = ["programme", "title"]
        fields = [
            "programme",
            "title",
            "opens_at",
            "deadline",
            "rolling",
            "budget",
            "link",
            "is_example",
        ]
        export_order = fields
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False

    def before_import_row(self, row, **kwargs):
        slug = row.get("programme")
        if slug and not FundingProgramme.objects.filter(slug=slug).exists():
            raise ValidationError(
                {"programme": _("Unbekanntes Förderprogramm „%(slug)s“.") % {"slug": slug}}
            )
