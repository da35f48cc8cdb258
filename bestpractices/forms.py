import re

from django import forms
from django.utils.translation import gettext_lazy as _

from bestpractices.models import Project
from cities.models import Municipality
from members.changes import https_by_default
from portal.models import Theme
from portal.widgets import DateInput

AGS_PATTERN = re.compile(r"^\d{8}$")


class MunicipalityField(forms.CharField):
    """A municipality by its AGS or its exact name (a select of 11,000 options would be
    unusable); an ambiguous name asks for the AGS."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        if AGS_PATTERN.match(value):
            municipality = Municipality.objects.filter(ags=value).first()
            if municipality is None:
                raise forms.ValidationError(
                    _("Keine Kommune mit dem AGS %(ags)s gefunden."), params={"ags": value}
                )
            return municipality
        matches = list(Municipality.objects.filter(name__iexact=value)[:2])
        if not matches:
            matches = list(Municipality.objects.filter(name__istartswith=f"{value},")[:2])
        if not matches:
            raise forms.ValidationError(
                _(
                    "Keine Kommune „%(name)s“ gefunden. Bitte prüfen Sie die Schreibweise "
                    "oder geben Sie den AGS an."
                ),
                params={"name": value},
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _("Mehrere Kommunen heißen „%(name)s“. Bitte geben Sie den achtstelligen AGS an."),
                params={"name": value},
            )
        return matches[0]


class ProjectProposalForm(forms.ModelForm):
    """The public proposal form; the model's validation applies (dates, costs, links)."""

    lead_municipality = MunicipalityField(
        label=_("Federführende Kommune"),
        max_length=120,
        help_text=_("Name der Kommune oder ihr achtstelliger Amtlicher Gemeindeschlüssel (AGS)."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass die Redaktion meinen Namen und meine E-Mail-Adresse "
            "zur Bearbeitung dieses Vorschlags speichert. Sie werden nicht veröffentlicht."
        ),
        required=True,
    )
    # A honeypot: hidden from people, filled by spam robots.
    homepage = forms.CharField(
        label=_("Bitte dieses Feld leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "lead_municipality",
            "themes",
            "phase",
            "start_date",
            "end_date",
            "investment_costs",
            "running_costs_per_year",
            "funding_note",
            "partners",
            "results",
            "contact_office",
            "contact_email",
            "links",
            "submitter_name",
            "submitter_email",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "funding_note": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitter_name"].required = True
        self.fields["submitter_email"].required = True
        self.fields["submitter_name"].label = _("Ihr Name")
        self.fields["submitter_email"].label = _("Ihre E-Mail-Adresse")
        self.fields["submitter_email"].help_text = _("Für die Eingangsbestätigung und Rückfragen.")
        for name in ("investment_costs", "running_costs_per_year"):
            self.fields[name].widget.attrs.update({"min": "0", "step": "0.01"})

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("homepage")) if hasattr(self, "cleaned_data") else False

    def proposal_data(self) -> dict:
        """Keyword arguments for ``project_submit_proposal``."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["themes"] = list(data["themes"] or [])
        for name, value in list(data.items()):
            if value is None and name not in {
                "start_date",
                "end_date",
                "investment_costs",
                "running_costs_per_year",
            }:
                data[name] = ""
        return data


# What the maintainers of the lead body edit in the public site, in the groups the form
# shows them in (editorial fields — lighthouse, participants, programmes — stay with the
# editors).
MEMBER_PROJECT_FIELD_GROUPS = [
    (_("Das Projekt"), ["title", "summary", "description", "themes", "phase"]),
    (
        _("Zeitraum und Kosten"),
        ["start_date", "end_date", "investment_costs", "running_costs_per_year", "funding_note"],
    ),
    (_("Ergebnisse"), ["partners", "results", "lessons_learned"]),
    (
        _("Übertragung"),
        ["prerequisites", "data_needed", "effort", "licence", "repository_url"],
    ),
    (_("Kontakt"), ["contact_office", "contact_email", "links"]),
]
MEMBER_PROJECT_FIELDS = [name for _label, names in MEMBER_PROJECT_FIELD_GROUPS for name in names]


class ProjectChangeForm(forms.ModelForm):
    """A project as the maintainers of its lead body edit it; the model's validation applies."""

    class Meta:
        model = Project
        fields = MEMBER_PROJECT_FIELDS
        formfield_callback = https_by_default
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "themes": forms.CheckboxSelectMultiple,
            "funding_note": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "lessons_learned": forms.Textarea(attrs={"rows": 4}),
            "prerequisites": forms.Textarea(attrs={"rows": 3}),
            "data_needed": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }
