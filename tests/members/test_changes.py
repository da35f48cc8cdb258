"""Self-service: maintainers change their body's digital profile in the public site, the
editors review the diff in the admin, and publishing sets the profile's "Stand"."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cities.models import DigitalProfile
from cities.querysets import stale_before
from members.changes import change_diff, word_diff
from members.choices import ChangeStatus, MembershipRole, MembershipStatus
from members.models import ChangeRequest, Membership
from members.services import change_approve, member_delete
from portal.choices import PublicationStatus
from tests.cities.factories import DigitalProfileFactory, MunicipalityFactory
from tests.members.factories import MemberFactory, verified_member
from tests.members.test_views import signed_in
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def edit_url(municipality) -> str:
    return reverse("members:profile_change", args=["kommune", municipality.ags])


def profile_form(profile, **changes) -> dict:
    """The form as the maintainer sends it: the current values with ``changes``."""
    data = {
        "summary": profile.summary,
        "strategy_status": profile.strategy_status,
        "strategy_title": profile.strategy_title,
        "strategy_url": profile.strategy_url,
        "organisational_unit_name": profile.organisational_unit_name,
        "organisational_unit_lead": profile.organisational_unit_lead,
        "partner_network_description": profile.partner_network_description,
        "partners": profile.partners,
        "citizen_participation": profile.citizen_participation,
        "awards_and_networks": profile.awards_and_networks,
        "sources": profile.sources,
        "focus_themes": [t.pk for t in profile.focus_themes.all()],
    }
    if profile.has_organisational_unit:
        data["has_organisational_unit"] = "on"
    if profile.has_partner_network:
        data["has_partner_network"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def profile():
    return DigitalProfileFactory(
        municipality=MunicipalityFactory(name="Musterstadt"),
        summary="Die Stadt baut eine offene Datenplattform auf.",
        as_of=date(2020, 7, 1),
    )


@pytest.fixture
def maintainer(profile):
    return verified_member({"municipality": profile.municipality}, role=MembershipRole.MAINTAINER)


def test_a_maintainers_change_waits_for_review_and_the_public_page_stays(profile, maintainer):
    response = signed_in(maintainer).post(
        edit_url(profile.municipality),
        profile_form(profile, summary="Die Stadt betreibt eine offene Datenplattform."),
    )
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == change.get_absolute_url()
    assert change.status == ChangeStatus.PENDING
    assert change.municipality == profile.municipality
    # Only what changed is kept, with the value it had.
    assert change.data == {"summary": "Die Stadt betreibt eine offene Datenplattform."}
    assert change.base == {"summary": "Die Stadt baut eine offene Datenplattform auf."}
    profile.refresh_from_db()
    assert profile.summary == "Die Stadt baut eine offene Datenplattform auf."
    page = Client().get(profile.municipality.get_absolute_url()).content.decode()
    assert "baut eine offene Datenplattform auf" in page
    assert "betreibt" not in page


def test_approval_publishes_the_change_and_sets_the_stand_to_today(
    profile, maintainer, editor_client
):
    focus = theme("verwaltung")
    signed_in(maintainer).post(
        edit_url(profile.municipality),
        profile_form(
            profile,
            summary="Die Stadt betreibt eine offene Datenplattform.",
            strategy_status="adopted",
            strategy_adopted_on="2024-03-01",
            focus_themes=[focus.pk],
        ),
    )
    change = ChangeRequest.objects.get()
    review = editor_client.get(reverse("admin:members_changerequest_change", args=[change.pk]))
    assert review.status_code == 200
    text = review.content.decode()
    assert "<del>" in text and "<ins>" in text  # the summary word by word
    assert focus.name in text  # themes by name, not by key
    response = editor_client.post(
        reverse("admin:members_changerequest_change", args=[change.pk]),
        {"review_comment": "Danke!", "_approve": "1"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    today = timezone.localdate()
    assert profile.summary == "Die Stadt betreibt eine offene Datenplattform."
    assert profile.strategy_status == "adopted"
    assert profile.strategy_adopted_on == date(2024, 3, 1)
    assert list(profile.focus_themes.all()) == [focus]
    assert profile.as_of == today
    assert profile.last_verified_on == today
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert change.review_comment == "Danke!"
    page = Client().get(profile.municipality.get_absolute_url()).content.decode()
    assert "betreibt eine offene Datenplattform" in page
    assert today.strftime("%Y") in page and "profile-stale" not in page


def test_a_body_without_a_profile_gets_its_first_one_on_approval(editor):
    municipality = MunicipalityFactory(name="Neudorf")
    member = verified_member({"municipality": municipality}, role=MembershipRole.MAINTAINER)
    client = signed_in(member)
    form = client.get(edit_url(municipality))
    assert form.status_code == 200
    assert "noch kein Digitalprofil" in form.content.decode()
    client.post(
        edit_url(municipality), {"summary": "Wir fangen an.", "strategy_status": "in_development"}
    )
    change = ChangeRequest.objects.get()
    assert change.is_new
    profile = change_approve(change=change, by=editor)
    assert profile.municipality == municipality
    assert profile.status == PublicationStatus.PUBLISHED
    assert profile.as_of == timezone.localdate()
    assert DigitalProfile.objects.get().summary == "Wir fangen an."


def test_rejection_needs_a_comment_and_shows_it_to_the_member(profile, maintainer, editor_client):
    client = signed_in(maintainer)
    client.post(edit_url(profile.municipality), profile_form(profile, summary="Kurz."))
    change = ChangeRequest.objects.get()
    url = reverse("admin:members_changerequest_change", args=[change.pk])
    editor_client.post(url, {"review_comment": "", "_reject": "1"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING  # refused without a reason
    editor_client.post(url, {"review_comment": "Bitte Quelle angeben.", "_reject": "1"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    page = client.get(change.get_absolute_url()).content.decode()
    assert "Bitte Quelle angeben." in page
    profile.refresh_from_db()
    assert profile.summary == "Die Stadt baut eine offene Datenplattform auf."


def test_a_second_edit_replaces_the_waiting_change_and_the_form_shows_it(profile, maintainer):
    client = signed_in(maintainer)
    client.post(edit_url(profile.municipality), profile_form(profile, summary="Erster Versuch."))
    form = client.get(edit_url(profile.municipality)).content.decode()
    assert "Erster Versuch." in form and "wartet noch auf die Prüfung" in form
    client.post(edit_url(profile.municipality), profile_form(profile, summary="Zweiter Versuch."))
    change = ChangeRequest.objects.get()
    assert change.data["summary"] == "Zweiter Versuch."


def test_an_unchanged_form_is_refused_with_a_message(profile, maintainer):
    response = signed_in(maintainer).post(edit_url(profile.municipality), profile_form(profile))
    assert response.status_code == 200
    assert "Sie haben nichts geändert" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_invalid_input_gets_the_models_message(profile, maintainer):
    response = signed_in(maintainer).post(
        edit_url(profile.municipality),
        profile_form(profile, strategy_adopted_on="2024-03-01", strategy_status="in_development"),
    )
    assert response.status_code == 200
    assert "Ein Beschlussdatum gibt es nur bei einer beschlossenen Strategie" in (
        response.content.decode()
    )
    assert not ChangeRequest.objects.exists()


def test_the_member_withdraws_a_waiting_change(profile, maintainer):
    client = signed_in(maintainer)
    client.post(edit_url(profile.municipality), profile_form(profile, summary="Kurz."))
    change = ChangeRequest.objects.get()
    assert signed_in(MemberFactory()).post(change.get_absolute_url()).status_code == 404
    client.post(change.get_absolute_url())
    change.refresh_from_db()
    assert change.status == ChangeStatus.WITHDRAWN


@pytest.mark.parametrize(
    "who",
    ["plain member", "unverified maintainer", "other body's maintainer", "no membership"],
)
def test_only_verified_maintainers_of_the_body_may_edit(profile, who):
    municipality = profile.municipality
    if who == "plain member":
        user = verified_member({"municipality": municipality}, role=MembershipRole.MEMBER)
    elif who == "unverified maintainer":
        user = MemberFactory()
        Membership.objects.create(
            user=user,
            municipality=municipality,
            role=MembershipRole.MAINTAINER,
            status=MembershipStatus.PENDING,
        )
    elif who == "other body's maintainer":
        user = verified_member(
            {"municipality": MunicipalityFactory()}, role=MembershipRole.MAINTAINER
        )
    else:
        user = MemberFactory()
    client = signed_in(user)
    assert client.get(edit_url(municipality)).status_code == 403
    response = client.post(edit_url(municipality), profile_form(profile, summary="Gekapert."))
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    assert not ChangeRequest.objects.exists()
    profile.refresh_from_db()
    assert profile.summary != "Gekapert."


def test_anonymous_visitors_are_sent_to_the_sign_in(profile):
    response = Client().get(edit_url(profile.municipality))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_approved_change_cannot_be_approved_twice(profile, maintainer, editor):
    signed_in(maintainer).post(edit_url(profile.municipality), profile_form(profile, summary="A."))
    change = ChangeRequest.objects.get()
    change_approve(change=change, by=editor)
    with pytest.raises(Exception, match="schon erledigt"):
        change_approve(change=change, by=editor)


def test_plain_members_cannot_open_the_review_queue(profile, maintainer):
    signed_in(maintainer).post(edit_url(profile.municipality), profile_form(profile, summary="A."))
    change = ChangeRequest.objects.get()
    response = signed_in(maintainer).post(
        reverse("admin:members_changerequest_change", args=[change.pk]), {"_approve": "1"}
    )
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_word_diff_marks_only_the_changed_words():
    assert word_diff("eine offene Plattform", "eine geschlossene Plattform") == [
        ("equal", "eine "),
        ("delete", "offene"),
        ("insert", "geschlossene"),
        ("equal", " Plattform"),
    ]


def test_the_diff_names_labels_of_choices_and_leaves_out_unchanged_fields(profile, maintainer):
    signed_in(maintainer).post(
        edit_url(profile.municipality),
        profile_form(profile, strategy_status="adopted", has_organisational_unit="on"),
    )
    rows = {row.name: row for row in change_diff(ChangeRequest.objects.get())}
    assert set(rows) == {"strategy_status", "has_organisational_unit"}
    assert rows["strategy_status"].new == "Strategie beschlossen"
    assert (rows["has_organisational_unit"].old, rows["has_organisational_unit"].new) == (
        "Nein",
        "Ja",
    )


def test_a_profile_older_than_twelve_months_says_so_and_is_listed(profile, maintainer):
    recent = DigitalProfileFactory(as_of=timezone.localdate() - timedelta(days=30))
    assert profile.is_stale and not recent.is_stale
    assert list(DigitalProfile.objects.stale()) == [profile]
    assert stale_before(date(2024, 2, 29)) == date(2023, 2, 28)
    page = Client().get(profile.municipality.get_absolute_url()).content.decode()
    assert 'id="profile-stale"' in page
    fresh = Client().get(recent.municipality.get_absolute_url()).content.decode()
    assert 'id="profile-stale"' not in fresh
    account = signed_in(maintainer).get(reverse("members:account")).content.decode()
    assert "älter als zwölf Monate, bitte aktualisieren" in account
    assert edit_url(profile.municipality) in account


def test_the_editors_list_filters_stale_profiles(profile, editor_client):
    recent = DigitalProfileFactory(as_of=timezone.localdate())
    response = editor_client.get(reverse("admin:cities_digitalprofile_changelist") + "?veraltet=1")
    listed = list(response.context["cl"].result_list)
    assert profile in listed and recent not in listed


def test_a_deleted_members_changes_stay_attributed_to_the_placeholder(profile, maintainer):
    signed_in(maintainer).post(edit_url(profile.municipality), profile_form(profile, summary="A."))
    member_delete(user=maintainer)
    change = ChangeRequest.objects.select_related("proposed_by").get()
    assert change.proposed_by.username.startswith("geloescht-")
    assert change.proposed_by.email == ""


def test_the_account_page_reads_a_fixed_number_of_queries_whatever_the_bodies(profile, maintainer):
    client = signed_in(maintainer)
    client.post(edit_url(profile.municipality), profile_form(profile, summary="A."))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("members:account")).status_code == 200
        return len(captured)

    one = queries()
    for number in range(3):
        other = MunicipalityFactory(name=f"Weitere {number}")
        Membership.objects.create(
            user=maintainer,
            municipality=other,
            role=MembershipRole.MAINTAINER,
            status=MembershipStatus.VERIFIED,
        )
        DigitalProfileFactory(municipality=other)
        signed_in(maintainer).post(
            edit_url(other), {"summary": "B.", "strategy_status": "in_development"}
        )
    assert ChangeRequest.objects.count() == 4
    assert queries() == one


def test_the_members_data_export_holds_their_proposed_changes(profile, maintainer):
    client = signed_in(maintainer)
    client.post(edit_url(profile.municipality), profile_form(profile, summary="Neu."))
    data = client.get(reverse("members:my_data") + "?format=json").json()
    (change,) = data["changes_proposed"]
    assert change["status"] == "pending"
    assert change["values"] == {"summary": "Neu."}
    assert change["kind"] == "digitalprofile"


def test_the_body_page_links_to_the_edit_form(profile):
    page = Client().get(profile.municipality.get_absolute_url()).content.decode()
    assert edit_url(profile.municipality) in page
