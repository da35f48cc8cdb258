from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cities.choices import SizeClass
from cities.models import Municipality
from funding.models import (
    PROGRAMME_FIELDS,
    Applicant,
    FundingProgramme,
    validate_programme_states,
)
from funding.selectors import MatchCriteria
from portal.models import FederalState, Theme

MUNICIPALITY_SUGGESTIONS = 20


class FundingProgrammeAdminForm(forms.ModelForm):
    """Admin form: checks that a Land's programme names its state(s)."""

    class Meta:
        model = FundingProgramme
        # The admin's fieldsets decide the layout; these are the editable fields.
        fields = [*PROGRAMME_FIELDS, "status", "last_verified_on"]

    def clean(self):
        cleaned = super().clean()
        if "level" in cleaned and "states" in cleaned:
            try:
                validate_programme_states(cleaned["level"], cleaned["states"])
            except ValidationError as error:
                self.add_error("states", error.message_dict["states"])
        return cleaned


class MatcherForm(forms.Form):
    """ "Was passt zu meiner Kommune?": a municipality, or state + size class + applicant type,
    plus themes."""

    municipality = forms.CharField(
        label=_("Kommune"),
        required=False,
        max_length=120,
        help_text=_("Name oder Amtlicher Gemeindeschlüssel (AGS, 8 Ziffern)."),
    )
    state = forms.ModelChoiceField(
        label=_("Land"),
        queryset=FederalState.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("– bitte wählen –"),
    )
    size_class = forms.ChoiceField(
        label=_("Größenklasse"),
        choices=[("", _("– beliebig –")), *SizeClass.choices],
        required=False,
    )
    applicant = forms.ModelChoiceField(
        label=_("Wer beantragt?"),
        queryset=Applicant.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("– beliebig –"),
        help_text=_("Bei Wahl einer Kommune: Kommunen, wenn nichts anderes gewählt ist."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.resolved_municipality = None
        self.suggestions = []

    def clean_municipality(self):
        raw = " ".join(self.cleaned_data["municipality"].split())
        if not raw:
            return ""
        fields = ("ags", "name", "population", "state_id")
        if raw.isdigit():
            found = list(Municipality.objects.current().filter(ags=raw).only(*fields)[:1])
            if not found:
                raise ValidationError(
                    _("Keine Kommune mit dem AGS %(ags)s gefunden.") % {"ags": raw}
                )
        else:
            name = raw.rsplit(" (", 1)[0] if raw.endswith(")") else raw
            ags_hint = raw.rsplit("(", 1)[1].rstrip(")") if raw.endswith(")") else ""
            if ags_hint.isdigit():
                found = list(Municipality.objects.current().filter(ags=ags_hint).only(*fields)[:1])
            else:
                found = list(
                    Municipality.objects.current().filter(name__iexact=name).only(*fields)[:2]
                )
            if len(found) != 1:
                self.suggestions = list(
                    Municipality.objects.current()
                    .filter(name__icontains=name)
                    .only("ags", "name")
                    .order_by("name", "ags")[:MUNICIPALITY_SUGGESTIONS]
                )
            if not found:
                raise ValidationError(
                    _(
                        "Keine Kommune namens „%(name)s“ gefunden. "
                        "Bitte Namen prüfen oder AGS angeben."
                    )
                    % {"name": name}
                )
            if len(found) > 1:
                raise ValidationError(
                    _(
                        "Es gibt mehrere Kommunen namens „%(name)s“. Bitte wählen Sie eine aus "
                        "der Liste oder geben Sie den AGS an."
                    )
                    % {"name": name}
                )
        self.resolved_municipality = found[0]
        return raw

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("municipality") and not cleaned.get("state"):
            raise ValidationError(_("Bitte wählen Sie eine Kommune oder ein Land."))
        return cleaned

    def criteria(self) -> MatchCriteria:
        """The criteria of a valid form."""
        data = self.cleaned_data
        themes = tuple(data.get("themes") or ())
        municipality = self.resolved_municipality
        if municipality is not None:
            applicant = data.get("applicant") or Applicant.objects.filter(slug="kommune").first()
            return MatchCriteria(
                state=FederalState.objects.get(code=municipality.state_id),
                population=municipality.population,
                applicant=applicant,
                themes=themes,
            )
        return MatchCriteria(
            state=data.get("state"),
            size_class=data.get("size_class") or None,
            applicant=data.get("applicant"),
            themes=themes,
        )
