from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.choices import Frequency, ReminderDays
from notifications.models import Subscription
from portal.models import Theme

NO_REMINDER = [("", _("keine Erinnerung"))]


class SubscriptionSettingsForm(forms.ModelForm):
    """How often a subscription e-mails, and whether it reminds of deadlines."""

    frequency = forms.ChoiceField(
        label=_("Zusammenfassung per E-Mail"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.WEEKLY,
    )
    reminder_days = forms.TypedChoiceField(
        label=_("Erinnerung an Fristen"),
        choices=NO_REMINDER + list(ReminderDays.choices),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Eine E-Mail vor der Frist jedes passenden Aufrufs (Europe/Berlin)."),
    )

    class Meta:
        model = Subscription
        fields = ["frequency", "email_enabled", "reminder_days"]
        labels = {"email_enabled": _("Zusammenfassung per E-Mail senden")}

    def __init__(self, *args, reminders: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not reminders:
            del self.fields["reminder_days"]


class SavedSearchForm(SubscriptionSettingsForm):
    class Meta(SubscriptionSettingsForm.Meta):
        fields = ["name", "frequency", "reminder_days"]
        labels = {"name": _("Name der Suche")}
        help_texts = {"name": _("So heißt die Suche in Ihren E-Mails und Ihrer Übersicht.")}


class WatchForm(SubscriptionSettingsForm):
    class Meta(SubscriptionSettingsForm.Meta):
        fields = ["frequency", "reminder_days"]


class ThemeWatchForm(WatchForm):
    theme = forms.ModelChoiceField(
        label=_("Handlungsfeld"),
        queryset=Theme.objects.order_by("name"),
        empty_label=_("bitte wählen"),
    )
    field_order = ["theme", "frequency"]
