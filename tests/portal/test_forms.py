"""How form fields render: the field template (portal.forms)."""

import pytest
from django import forms

from tests.html_checks import dangling_id_references


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Wie im Register.")
    kind = forms.ChoiceField(label="Art", choices=[("a", "A"), ("b", "B")], required=False)
    themes = forms.MultipleChoiceField(
        label="Handlungsfelder",
        choices=[("x", "X"), ("y", "Y")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Eines oder mehrere.",
        required=False,
    )


def render(form) -> str:
    return "".join(str(field.as_field_group()) for field in form)


@pytest.mark.parametrize("data", [None, {"name": ""}, {"name": "Ulm", "kind": "z"}])
def test_field_group_renders_every_element_its_widget_refers_to(data):
    html = render(ExampleForm(data))
    assert 'aria-describedby="id_name_helptext' in html
    assert dangling_id_references(html) == []


def test_field_group_shows_help_text_and_errors_with_the_referenced_ids():
    html = render(ExampleForm({"name": ""}))
    assert '<small class="muted helptext" id="id_name_helptext">Wie im Register.</small>' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert '<label for="id_name">Name *</label>' in html
    # A group of checkboxes is a fieldset that the help text describes.
    assert '<fieldset aria-describedby="id_themes_helptext">' in html
