from django import forms
from django.utils.translation import gettext_lazy as _


class DimensionStepForm(forms.Form):
    """The questions of one dimension, each a group of radio buttons (a fieldset whose
    legend is the question), one per maturity level described in words."""

    def __init__(self, *args, dimension, initial_answers: dict[int, int] | None = None, **kw):
        super().__init__(*args, **kw)
        self.dimension = dimension
        initial_answers = initial_answers or {}
        for question in dimension.questions.all():
            name = self.field_name(question)
            self.fields[name] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.help_text,
                choices=[
                    (
                        level.value,
                        _("Stufe %(value)s: %(text)s")
                        % {"value": level.value, "text": level.description},
                    )
                    for level in question.levels.all()
                ],
                coerce=int,
                widget=forms.RadioSelect,
                initial=initial_answers.get(question.pk),
                error_messages={
                    "required": _("Bitte wählen Sie die Stufe, die auf Ihre Stelle zutrifft."),
                    "invalid_choice": _("Bitte wählen Sie eine der angebotenen Stufen."),
                },
            )
            self.fields[name].question = question

    @staticmethod
    def field_name(question) -> str:
        return f"frage-{question.pk}"

    def answers(self) -> dict[int, int]:
        """The chosen levels by question id (after ``is_valid()``)."""
        return {self.fields[name].question.pk: value for name, value in self.cleaned_data.items()}


class SubmitForm(forms.Form):
    """What a maintainer decides when submitting a check (or later): whether the result is
    public, and whether other bodies may ask about its strengths."""

    confirm = forms.BooleanField(
        label=_("Die Antworten geben den Stand unserer Stelle nach bestem Wissen wieder."),
        error_messages={"required": _("Bitte bestätigen Sie die Antworten.")},
    )
    is_published = forms.BooleanField(
        label=_("Ergebnis veröffentlichen"),
        required=False,
        help_text=_(
            "Sonst sehen es nur die Mitglieder Ihrer Stelle und die Redaktion. In Vergleiche "
            "und Statistiken geht es so oder so ein, aber nur in Gruppen von mindestens fünf "
            "Stellen."
        ),
    )
    open_to_contact = forms.BooleanField(
        label=_("Andere Stellen dürfen uns zu unseren Stärken ansprechen"),
        required=False,
        help_text=_(
            "Stellen mit einer Lücke, wo Ihre Stelle stark ist, finden Sie dann unter „Erste "
            "Schritte“ und schreiben Ihnen über das Kontaktformular des Portals."
        ),
    )


class SharingForm(SubmitForm):
    """The same choices for a check already submitted."""

    confirm = None
