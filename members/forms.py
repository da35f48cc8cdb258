from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cities.models import Association, District, Municipality
from members.choices import MembershipRole, RelationKind
from members.models import DirectoryEntry, PartnerOrganisation
from members.selectors import find_solution

# Keys of the register by their length: AGS (8), Verbandsschlüssel (9), Kreisschlüssel (5).
BODY_KEYS = {
    8: ("municipality", Municipality, "ags"),
    9: ("association", Association, "key"),
    5: ("district", District, "key"),
}


def find_register_body(text: str) -> dict:
    """The body of the register named by its official key or its exact name, as
    ``{BODY_FIELDS name: body}``; a ValidationError says why none, or which ones."""
    if text.isdigit():
        if len(text) not in BODY_KEYS:
            raise forms.ValidationError(_("Ein amtlicher Schlüssel hat 5, 8 oder 9 Ziffern."))
        field, model, key = BODY_KEYS[len(text)]
        body = model.objects.filter(**{key: text}).first()
        if body is None:
            raise forms.ValidationError(
                _("Im Gemeindeverzeichnis gibt es keinen Eintrag mit dem Schlüssel %(key)s.")
                % {"key": text}
            )
        return {field: body}
    matches = []
    for field, model, key in BODY_KEYS.values():
        for body in model.objects.current().filter(Q(name__iexact=text))[:10]:
            matches.append((field, body, getattr(body, key)))
    if not matches:
        raise forms.ValidationError(
            _(
                "Keine Kommune, kein Gemeindeverband und kein Kreis heißt „%(name)s“. "
                "Bitte prüfen Sie die Schreibweise oder geben Sie den Schlüssel an."
            )
            % {"name": text}
        )
    if len(matches) > 1:
        listed = "; ".join(
            f"{body.name} ({body._meta.verbose_name}, {code})" for _field, body, code in matches
        )
        raise forms.ValidationError(
            _("Mehrere Stellen heißen so: %(list)s. Bitte geben Sie den Schlüssel an.")
            % {"list": listed}
        )
    field, body, _code = matches[0]
    return {field: body}


class MembershipRequestForm(forms.Form):
    """Join a body: a body of the register by name or official key, or a partner
    organisation. Works without JavaScript: an ambiguous name is answered with the
    candidates and their keys."""

    body = forms.CharField(
        label=_("Kommune, Gemeindeverband oder Kreis"),
        required=False,
        max_length=120,
        help_text=_(
            "Name oder amtlicher Schlüssel: Gemeindeschlüssel (8 Ziffern), Verbandsschlüssel "
            "(9 Ziffern) oder Kreisschlüssel (5 Ziffern)."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("oder Partnerorganisation"),
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        empty_label=_("– keine –"),
        help_text=_("Unternehmen, Hochschulen, Verbände und Behörden, die die Redaktion führt."),
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        widget=forms.RadioSelect,
        help_text=_(
            "Wer die Inhalte pflegt, darf das Digitalprofil und die Projekte der Stelle bearbeiten."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("body") or "").strip()
        organisation = cleaned.get("organisation")
        if bool(text) == bool(organisation):
            raise forms.ValidationError(
                _(
                    "Bitte geben Sie entweder eine Kommune, einen Gemeindeverband oder einen Kreis "
                    "an oder wählen Sie eine Partnerorganisation."
                ),
                code="one_body",
            )
        if organisation:
            cleaned["target"] = {"organisation": organisation}
        elif text:
            cleaned["target"] = self.find_body(text)
        return cleaned

    def find_body(self, text: str) -> dict:
        try:
            return find_register_body(text)
        except forms.ValidationError as error:
            raise forms.ValidationError({"body": error.messages}) from None


class AccountDeleteForm(forms.Form):
    """Deleting the account is confirmed once more (the view asks for the password again
    when the last sign-in is not recent)."""

    confirm = forms.BooleanField(
        label=_("Ja, mein Konto soll gelöscht werden."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Ihr Konto gelöscht werden soll.")
        },
    )


class ContactForm(forms.Form):
    """A message relayed by the portal ("Kontakt aufnehmen")."""

    subject = forms.CharField(label=_("Betreff"), max_length=150)
    text = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Höchstens 5000 Zeichen."),
    )


class ContactReportForm(forms.Form):
    """A recipient reports a contact message as abuse."""

    reason = forms.CharField(
        label=_("Was stimmt mit der Nachricht nicht? (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DirectoryEntryForm(forms.ModelForm):
    """What a member shows in "Wer macht was": each field only if they choose it."""

    class Meta:
        model = DirectoryEntry
        fields = [
            "listed",
            "show_name",
            "role",
            "role_title",
            "show_bodies",
            "themes",
            "show_projects",
        ]
        widgets = {"themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("keine Angabe")), *self.fields["role"].choices[1:]]
        self.fields["themes"].help_text = _("Keine Auswahl: keine Themen zeigen.")


# A relation as its proposer sees it: (kind, whether the proposer's body is the source).
RELATION_OPTIONS = {
    "model_for_us": (RelationKind.MODEL, False),
    "model_by_us": (RelationKind.MODEL, True),
    "exchange": (RelationKind.EXCHANGE, True),
    "joint": (RelationKind.JOINT, True),
    "adopted_from": (RelationKind.ADOPTION, False),
    "adopted_by": (RelationKind.ADOPTION, True),
}
RELATION_OPTION_LABELS = {
    "model_for_us": _("Vorbild: Die Partnerstelle war unser Vorbild."),
    "model_by_us": _("Vorbild: Wir waren Vorbild für die Partnerstelle."),
    "exchange": _("Erfahrungsaustausch: Wir tauschen Erfahrungen aus."),
    "joint": _("Gemeinsame Entwicklung: Wir entwickeln gemeinsam."),
    "adopted_from": _(
        "Übernahme einer Lösung: Wir haben eine Lösung der Partnerstelle übernommen."
    ),
    "adopted_by": _(
        "Übernahme einer Lösung: Die Partnerstelle hat eine Lösung von uns übernommen."
    ),
}


class RelationProposeForm(forms.Form):
    """A maintainer proposes a relation of one of their bodies with another body of the
    register. Works without JavaScript."""

    body = forms.ChoiceField(label=_("Unsere Stelle"))
    option = forms.ChoiceField(
        label=_("Art der Verbindung"),
        choices=list(RELATION_OPTION_LABELS.items()),
        widget=forms.RadioSelect,
    )
    partner = forms.CharField(
        label=_("Partnerstelle"),
        max_length=120,
        help_text=_(
            "Kommune, Gemeindeverband oder Kreis: Name oder amtlicher Schlüssel "
            "(8, 9 oder 5 Ziffern)."
        ),
    )
    solution = forms.CharField(
        label=_("Übernommene Lösung (Praxisbeispiel)"),
        required=False,
        max_length=300,
        help_text=_(
            "Nur bei einer Übernahme, dort Pflicht: die Adresse der Seite des Praxisbeispiels "
            "im Portal oder sein Kurzname, z. B. /praxisbeispiele/digitale-buergerdienste/."
        ),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Worum ging es? Höchstens 600 Zeichen, öffentlich sichtbar."),
    )

    def __init__(self, *args, bodies: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {f"{field}:{body.pk}": body for field, body in bodies}
        self.fields["body"].choices = [
            (value, f"{body.name} ({body._meta.verbose_name})")
            for value, body in self.bodies.items()
        ]

    def clean_partner(self):
        try:
            return next(iter(find_register_body(self.cleaned_data["partner"].strip()).values()))
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages) from None

    def clean(self):
        cleaned = super().clean()
        option = cleaned.get("option")
        if option:
            cleaned["kind"], cleaned["body_is_source"] = RELATION_OPTIONS[option]
        text = (cleaned.get("solution") or "").strip()
        cleaned["solution"] = None
        if cleaned.get("kind") == RelationKind.ADOPTION and not text:
            self.add_error(
                "solution",
                _("Bitte nennen Sie das Praxisbeispiel, dessen Lösung übernommen wurde."),
            )
        elif text and cleaned.get("kind") != RelationKind.ADOPTION:
            self.add_error(
                "solution", _("Ein Praxisbeispiel nennen Sie nur bei einer Übernahme einer Lösung.")
            )
        elif text:
            solution = find_solution(text)
            if solution is None:
                self.add_error(
                    "solution",
                    _(
                        "Kein veröffentlichtes Praxisbeispiel hat diese Adresse oder diesen "
                        "Kurznamen."
                    ),
                )
            cleaned["solution"] = solution
        if "body" in cleaned:
            cleaned["body"] = self.bodies[cleaned["body"]]
        return cleaned
