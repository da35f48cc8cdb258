from django import forms
from django.utils.translation import gettext_lazy as _

from cities.choices import Challenge
from cities.models import PROFILE_FIELDS, DigitalProfile, Municipality
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
            *PROFILE_FIELDS,
        ]
        widgets = {
            "focus_themes": forms.CheckboxSelectMultiple,
            "lighthouse_themes": forms.CheckboxSelectMultiple,
        }
