"""Admin: import/export (atomic, row-level errors), the verification queue, permissions."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from funding.models import FundingCall, FundingProgramme
from funding.resources import FundingCallResource, FundingProgrammeResource
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

pytestmark = pytest.mark.django_db

HEADERS = ["slug", "title", "funding_body", "level", "kind", "states", "eligible_applicants"]


def programme_rows(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_programme_import_creates_programmes_with_relations_by_code_and_slug():
    dataset = programme_rows(
        ["smart-nrw", "Smart NRW", "Land NRW", "state", "grant", "05", "kommune,landkreis"],
        ["bund-digital", "Bund digital", "Bund", "federal", "loan", "", "kommune"],
    )
    result = FundingProgrammeResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    programme = FundingProgramme.objects.get(slug="smart-nrw")
    assert [state.code for state in programme.states.all()] == ["05"]
    assert {a.slug for a in programme.eligible_applicants.all()} == {"kommune", "landkreis"}


def test_import_with_one_bad_row_changes_nothing_and_names_the_row():
    existing = FundingProgrammeFactory(slug="bestehend", title="Alter Titel")
    dataset = programme_rows(
        ["bestehend", "Neuer Titel", "Bund", "federal", "grant", "", "kommune"],
        ["gut", "Gutes Programm", "Bund", "federal", "grant", "", "kommune"],
        ["schlecht", "Landesprogramm ohne Land", "Land", "state", "grant", "", "kommune"],
    )
    result = FundingProgrammeResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 3
    assert "Ein Landesprogramm muss mindestens ein Land nennen." in str(invalid.error_dict)
    assert not FundingProgramme.objects.filter(slug__in=["gut", "schlecht"]).exists()
    existing.refresh_from_db()
    assert existing.title == "Alter Titel"


def test_call_import_is_keyed_by_programme_slug_and_title_and_rejects_unknown_programmes():
    programme = FundingProgrammeFactory(slug="smart")
    FundingCallFactory(programme=programme, title="Runde 1", budget=100)
    deadline = (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M:%S")
    dataset = tablib.Dataset(
        ["smart", "Runde 1", deadline, "0", "5000"],
        ["gibt-es-nicht", "Runde 1", deadline, "0", ""],
        headers=["programme", "title", "deadline", "rolling", "budget"],
    )
    result = FundingCallResource().import_data(dataset, dry_run=False)
    assert result.has_errors() or result.has_validation_errors()
    assert FundingCall.objects.get().budget == 100
    dataset = tablib.Dataset(
        ["smart", "Runde 1", deadline, "0", "5000"],
        headers=["programme", "title", "deadline", "rolling", "budget"],
    )
    result = FundingCallResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert FundingCall.objects.get().budget == 5000


def test_admin_import_view_shows_the_bad_row_and_imports_nothing(admin_client):
    csv = (
        "slug,title,funding_body,level,kind,states,eligible_applicants\n"
        "gut,Gutes Programm,Bund,federal,grant,,kommune\n"
        "schlecht,Schlecht,Bund,federal,xx,,kommune\n"
    )
    upload = SimpleUploadedFile("programme.csv", csv.encode(), content_type="text/csv")
    response = admin_client.post(
        reverse("admin:funding_fundingprogramme_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    page = re.sub(r"\s+", " ", response.text)
    # The error table names row 2 (the second data row) and the field with the bad value.
    assert re.search(r"<td>2 </td> <td class=\"errors\">.*?kind.*?xx", page)
    assert not FundingProgramme.objects.exists()


def test_export_contains_programmes_by_slug(admin_client):
    FundingProgrammeFactory(slug="export-mich", states=[])
    dataset = FundingProgrammeResource().export()
    assert "export-mich" in dataset.csv


def test_verification_queue_lists_overdue_programmes_oldest_first(editor_client):
    today = timezone.localdate()
    FundingProgrammeFactory(title="Frisch", last_verified_on=today)
    FundingProgrammeFactory(title="Alt", last_verified_on=today - timedelta(days=400))
    FundingProgrammeFactory(title="Nie", last_verified_on=None)
    FundingProgrammeFactory(title="Mittel", last_verified_on=today - timedelta(days=200))
    response = editor_client.get(reverse("admin:funding_programmeverificationdue_changelist"))
    assert response.status_code == 200
    titles = [obj.title for obj in response.context["cl"].result_list]
    assert titles == ["Nie", "Alt", "Mittel"]


def test_marking_verified_removes_a_programme_from_the_queue(editor_client):
    stale = FundingProgrammeFactory(last_verified_on=timezone.localdate() - timedelta(days=400))
    url = reverse("admin:funding_programmeverificationdue_changelist")
    editor_client.post(url, {"action": "mark_verified", "_selected_action": [stale.pk]})
    stale.refresh_from_db()
    assert stale.last_verified_on == timezone.localdate()
    response = editor_client.get(url)
    assert list(response.context["cl"].result_list) == []


def test_overdue_list_filter_on_the_programme_admin(editor_client):
    FundingProgrammeFactory(title="Frisch")
    stale = timezone.localdate() - timedelta(days=400)
    FundingProgrammeFactory(title="Alt", last_verified_on=stale)
    response = editor_client.get(
        reverse("admin:funding_fundingprogramme_changelist"), {"verification_overdue": "yes"}
    )
    assert [obj.title for obj in response.context["cl"].result_list] == ["Alt"]


def test_admin_form_refuses_a_state_programme_without_state(editor_client):
    response = editor_client.post(
        reverse("admin:funding_fundingprogramme_add"),
        {
            "title": "Landesprogramm",
            "slug": "landesprogramm",
            "funding_body": "Land",
            "level": "state",
            "kind": "grant",
            "status": "draft",
            "calls-TOTAL_FORMS": "0",
            "calls-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Ein Landesprogramm muss mindestens ein Land nennen." in response.text
    assert not FundingProgramme.objects.exists()


def test_plain_user_cannot_open_the_funding_admin(user_client):
    response = user_client.get(reverse("admin:funding_fundingprogramme_changelist"))
    assert response.status_code == 302


def test_programme_admin_filters_by_the_status_derived_from_the_calls(editor_client):
    open_programme = FundingCallFactory().programme
    FundingProgrammeFactory(title="Ohne Aufruf")
    response = editor_client.get(
        reverse("admin:funding_fundingprogramme_changelist"), {"funding_status": "open"}
    )
    assert list(response.context["cl"].result_list) == [open_programme]
    assert "offen" in response.text


def programme_with_one_call(deadline_day, deadline_time):
    """The programme add form with one call, its deadline as typed."""
    return {
        "title": "Nachtfrist",
        "slug": "nachtfrist",
        "funding_body": "Bund",
        "level": "federal",
        "kind": "grant",
        "status": "draft",
        "calls-TOTAL_FORMS": "1",
        "calls-INITIAL_FORMS": "0",
        "calls-0-title": "Runde 1",
        "calls-0-deadline_0": deadline_day,
        "calls-0-deadline_1": deadline_time,
    }


def call_form_errors(response):
    [formset] = response.context["inline_admin_formsets"]
    return formset.formset.forms[0].errors


def test_call_deadline_that_does_not_exist_gets_one_message(editor_client):
    response = editor_client.post(
        reverse("admin:funding_fundingprogramme_add"),
        programme_with_one_call("28.03.2027", "02:30"),
    )
    assert response.status_code == 200
    assert call_form_errors(response) == {
        "deadline": [
            "Am 28. März 2027 gibt es 02:30 Uhr nicht: Die Uhr wird um 02:00 Uhr auf 03:00 Uhr "
            "vorgestellt. Bitte eine Uhrzeit vor 02:00 Uhr oder ab 03:00 Uhr eingeben."
        ]
    }
    assert not FundingProgramme.objects.exists()


def test_call_deadline_at_a_repeated_local_time_asks_which_one(editor_client):
    response = editor_client.post(
        reverse("admin:funding_fundingprogramme_add"),
        programme_with_one_call("31.10.2027", "02:30"),
    )
    assert call_form_errors(response) == {
        "deadline": [
            "Am 31. Oktober 2027 gibt es 02:30 Uhr zweimal: Die Uhr wird um 03:00 Uhr auf "
            "02:00 Uhr zurückgestellt. Bitte die Abweichung von UTC dazuschreiben: "
            "„02:30 +02:00“ für das erste Mal, „02:30 +01:00“ für das zweite Mal."
        ]
    }


def test_call_deadline_takes_the_second_of_two_equal_local_times_with_its_offset(editor_client):
    response = editor_client.post(
        reverse("admin:funding_fundingprogramme_add"),
        programme_with_one_call("31.10.2027", "02:30 +01:00"),
    )
    assert response.status_code == 302
    call = FundingCall.objects.get(programme__slug="nachtfrist")
    assert call.deadline == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)


def test_the_programme_field_list_names_every_editable_field():
    """Admin, form, import and API read one list: a new model field must join it (or be
    named here as left out on purpose)."""
    from funding.api.serializers import FundingProgrammeSerializer
    from funding.models import PROGRAMME_FIELDS, FundingProgramme

    editable = {
        field.name
        for field in FundingProgramme._meta.get_fields()
        if field.concrete and field.editable and not field.primary_key
    }
    publication = {"status", "last_verified_on", "published_at"}
    assert editable - publication == set(PROGRAMME_FIELDS)
    # The API writes exactly these and the publication workflow's two, and reads the rest.
    serializer = FundingProgrammeSerializer()
    writable = {name for name, field in serializer.fields.items() if not field.read_only}
    assert writable == {*PROGRAMME_FIELDS, "publication_status", "last_verified_on"}


def test_editor_marks_a_programme_and_its_call_as_examples(editor_client):
    data = {
        **programme_with_one_call("15.01.2027", "12:00"),
        "is_example": "on",
        "calls-0-is_example": "on",
    }
    response = editor_client.post(reverse("admin:funding_fundingprogramme_add"), data)
    assert response.status_code == 302
    call = FundingCall.objects.select_related("programme").get(programme__slug="nachtfrist")
    assert call.programme.is_example
    assert call.is_example
