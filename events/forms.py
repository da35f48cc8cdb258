from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Registration


class RegistrationForm(forms.ModelForm):
    """What a person gives to register for an event run by the centre."""

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "accessibility_needs"]
        labels = {"name": _("Ihr Name"), "email": _("Ihre E-Mail-Adresse")}
        help_texts = {
            "email": _("Hierhin schicken wir die Bestätigung und den Link zum Abmelden."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }
