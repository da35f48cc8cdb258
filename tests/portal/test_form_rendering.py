"""How form fields render: the field template (portal.forms) and the date widgets."""

import datetime

import pytest
from django import forms

from portal.widgets import DateInput, DateRangeInput
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
    start = forms.DateField(label="Beginn", widget=DateInput(), required=False)


def render(form) -> str:
    return "".join(str(field.as_field_group()) for field in form)


@pytest.mark.parametrize(
    "data", [None, {"name": "", "start": "gestern"}, {"name": "Ulm", "kind": "z"}]
)
def test_field_group_renders_every_element_its_widget_refers_to(data):
    html = render(ExampleForm(data))
    assert 'aria-describedby="id_name_helptext' in html
    assert dangling_id_references(html) == []


def test_field_group_shows_help_text_and_errors_with_the_referenced_ids():
    html = render(ExampleForm({"name": ""}))
    assert '<div class="muted helptext" id="id_name_helptext">Wie im Register.</div>' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert '<label for="id_name">Name *</label>' in html
    # A group of checkboxes is a fieldset that the help text describes.
    assert '<fieldset aria-describedby="id_themes_helptext">' in html


@pytest.mark.parametrize("typed", ["gestern", "31.02.2026", "2026-2-1", "20260201", "2026-W05"])
def test_date_input_does_not_write_back_what_is_no_valid_date_string(typed):
    html = DateInput().render("start", typed)
    assert 'type="date"' in html
    assert "value=" not in html


@pytest.mark.parametrize(
    ("value", "shown"), [("2026-02-01", "2026-02-01"), (datetime.date(2026, 2, 1), "2026-02-01")]
)
def test_date_input_shows_a_valid_date(value, shown):
    assert f'value="{shown}"' in DateInput().render("start", value)


def test_date_range_input_labels_each_date():
    widget = DateRangeInput(labels=("Frist ab", "Frist bis"))
    html = widget.render("deadline", ["2026-01-01", "kaputt"], attrs={"id": "id_deadline"})
    assert '<label for="id_deadline_0">Frist ab</label>' in html
    assert '<label for="id_deadline_1">Frist bis</label>' in html
    assert 'name="deadline_after" value="2026-01-01"' in html
    assert html.count('type="date"') == 2
    assert "kaputt" not in html
    assert dangling_id_references(html) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "typed"),
    [
        ("/termine/?date_from=gestern&date_to=31.02.2026", "31.02.2026"),
        ("/termine/?date_from=gestern", "gestern"),
        ("/foerderprogramme/fristen/?deadline_after=gestern", "gestern"),
    ],
)
def test_filter_pages_do_not_write_an_invalid_date_into_a_date_input(client, path, typed):
    html = client.get(path).content.decode()
    assert f'value="{typed}"' not in html
    assert "Bitte ein gültiges Datum eingeben." in html


@pytest.mark.django_db
def test_proposal_form_does_not_write_an_invalid_date_into_a_date_input(client):
    response = client.post("/praxisbeispiele/vorschlagen/", {"start_date": "bald"})
    html = response.content.decode()
    assert 'value="bald"' not in html
    assert 'id="id_start_date_error"' in html
