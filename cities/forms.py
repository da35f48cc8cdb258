from django import forms
from django.utils.translation import gettext_lazy as _

from cities.choices import Challenge
from cities.models import DigitalProfile, Municipality
from portal.widgets import CoordinatePickerFormMixin


class MunicipalityAdminForm(CoordinatePickerFormMixin, forms.ModelForm):
    """Register data with the coordinate picker; the model's clean() checks the keys."""

    class Meta:
        model = Municipality
        fields = [
            "name",
            "kind",
            "ags",
            "ars",
            "state",
            "district",
            "association",
            "population",
            "population_date",
            "area_km2",
            "postal_code",
            "website",
            "latitude",
            "longitude",
            "dissolved_on",
            "successor",
        ]


class DigitalProfileForm(forms.ModelForm):
    """The digital profile with the challenges as check boxes."""

    challenges = forms.MultipleChoiceField(
        label=_("Herausforderungen"),
        choices=Challenge.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DigitalProfile
        fields = [
            "municipality",
            "association",
            "district",
            "status",
            "last_verified_on",
            "as_of",
            "summary",
            "strategy_status",
            "strategy_title",
            "strategy_adopted_on",
            "strategy_url",
            "has_organisational_unit",
            "organisational_unit_name",
            "organisational_unit_lead",
            "has_partner_network",
            "partner_network_description",
            "partners",
            "citizen_participation",
            "focus_themes",
            "lighthouse_themes",
            "challenges",
            "awards_and_networks",
            "sources",
        ]
        widgets = {
            "focus_themes": forms.CheckboxSelectMultiple,
            "lighthouse_themes": forms.CheckboxSelectMultiple,
        }
