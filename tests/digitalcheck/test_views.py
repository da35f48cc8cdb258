"""Taking the check: anonymously in the session only, or as a member of a body with a shared
draft that a maintainer submits, at most once per body and year."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from digitalcheck.choices import AssessmentStatus
from digitalcheck.models import Assessment
from members.choices import MembershipRole
from tests.cities.factories import MunicipalityFactory
from tests.digitalcheck.factories import all_at, published_questionnaire
from tests.members.factories import MemberFactory, verified_member

pytestmark = pytest.mark.django_db


def step_data(questionnaire, step: int, level: int) -> dict:
    dimension = questionnaire.dimensions.all()[step - 1]
    return {f"frage-{question.pk}": level for question in dimension.questions.all()}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("digitalcheck").get_models()
    }


def test_an_anonymous_check_leaves_nothing_in_the_database(client):
    questionnaire = published_questionnaire()
    before = row_counts()
    assert client.get(reverse("digitalcheck:start")).status_code == 200
    for step in (1, 2, 3):
        response = client.post(
            reverse("digitalcheck:step", args=[step]),
            step_data(questionnaire, step, 2) | {"next": "1"},
        )
        assert response.status_code == 302
    assert response["Location"] == reverse("digitalcheck:anonymous_result")
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert result["Cache-Control"] == "private, no-store"
    # Every question at level 2: 50 in each dimension and overall.
    assert result.context["result"].score == 50
    assert "nirgends gespeichert" in result.content.decode()
    assert row_counts() == before
    # "Neu beginnen" forgets the answers.
    client.post(reverse("digitalcheck:anonymous_result"))
    assert client.get(reverse("digitalcheck:anonymous_result")).context["result"].score is None


def test_weiter_requires_every_answer_and_names_the_question(client):
    questionnaire = published_questionnaire()
    data = step_data(questionnaire, 1, 3)
    data.pop(next(iter(data)))
    response = client.post(reverse("digitalcheck:step", args=[1]), data | {"next": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "Beschlossen?: Bitte wählen Sie die Stufe, die auf Ihre Stelle zutrifft." in page
    assert response.context["form"].errors


def test_a_step_out_of_range_is_404(client):
    published_questionnaire()
    assert client.get(reverse("digitalcheck:step", args=[4])).status_code == 404
    assert client.get(reverse("digitalcheck:step", args=[0])).status_code == 404


def test_members_share_a_draft_resume_it_and_a_maintainer_submits(client):
    questionnaire = published_questionnaire()
    town = MunicipalityFactory(ags="09162000", population=15_000)
    colleague = verified_member({"municipality": town})
    maintainer = verified_member({"municipality": town}, role=MembershipRole.MAINTAINER)
    path = {"kind": "kommune", "key": town.ags}

    client.force_login(colleague)
    response = client.post(reverse("digitalcheck:body_start", kwargs=path))
    assert response["Location"] == reverse("digitalcheck:body_step", kwargs={"step": 1, **path})
    client.post(response["Location"], step_data(questionnaire, 1, 4) | {"pause": "1"})
    draft = Assessment.objects.get()
    assert draft.status == AssessmentStatus.DRAFT
    assert draft.answers.count() == 2

    # The maintainer continues the same draft where it stopped.
    client.force_login(maintainer)
    response = client.post(reverse("digitalcheck:body_start", kwargs=path))
    assert response["Location"] == reverse("digitalcheck:body_step", kwargs={"step": 2, **path})
    for step in (2, 3):
        client.post(
            reverse("digitalcheck:body_step", kwargs={"step": step, **path}),
            step_data(questionnaire, step, 2) | {"next": "1"},
        )
    page = client.get(reverse("digitalcheck:draft_result", kwargs=path))
    assert page.status_code == 200
    response = client.post(reverse("digitalcheck:draft_result", kwargs=path), {"confirm": "on"})
    submitted = Assessment.objects.get()
    assert response["Location"] == submitted.get_absolute_url()
    assert submitted.status == AssessmentStatus.SUBMITTED
    # strategie 100, datenplattform 50, mobilitaet 50 → 66.7
    assert str(submitted.score) == "66.7"
    assert submitted.size_class == "kleinstadt"
    assert submitted.state_id == town.state_id
    assert dict(submitted.scores.values_list("key", "score")) == {
        "strategie": 100,
        "datenplattform": 50,
        "mobilitaet": 50,
    }
    assert submitted.year == timezone.localdate().year


def test_a_colleague_may_fill_in_but_not_submit(client):
    questionnaire = published_questionnaire()
    town = MunicipalityFactory()
    colleague = verified_member({"municipality": town})
    client.force_login(colleague)
    path = {"kind": "kommune", "key": town.ags}
    client.post(reverse("digitalcheck:body_start", kwargs=path))
    for step in (1, 2, 3):
        client.post(
            reverse("digitalcheck:body_step", kwargs={"step": step, **path}),
            step_data(questionnaire, step, 1) | {"next": "1"},
        )
    page = client.get(reverse("digitalcheck:draft_result", kwargs=path)).content.decode()
    assert "Check einreichen" not in page
    assert "Rolle „Pflegt die Inhalte“" in page
    client.post(reverse("digitalcheck:draft_result", kwargs=path), {"confirm": "on"})
    assert Assessment.objects.get().status == AssessmentStatus.DRAFT


@pytest.mark.parametrize("who", ["anonymous", "other member", "unverified"])
def test_only_verified_members_reach_a_bodys_draft(client, who):
    published_questionnaire()
    town = MunicipalityFactory()
    path = {"kind": "kommune", "key": town.ags}
    if who == "other member":
        client.force_login(verified_member({"municipality": MunicipalityFactory()}))
    elif who == "unverified":
        member = MemberFactory()
        member.memberships.create(municipality=town)
        client.force_login(member)
    response = client.post(reverse("digitalcheck:body_start", kwargs=path))
    assert response.status_code == (302 if who == "anonymous" else 403)
    if who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    assert not Assessment.objects.exists()


def test_one_submitted_check_per_body_and_year():
    from django.core.exceptions import ValidationError

    from tests.digitalcheck.factories import submitted_check

    published_questionnaire()
    town = MunicipalityFactory()
    submitted_check({"municipality": town}, all_at(2), year=2026)
    with pytest.raises(ValidationError, match="schon ein Check eingereicht"):
        submitted_check({"municipality": town}, all_at(3), year=2026)
    submitted_check({"municipality": town}, all_at(3), year=2027)
    assert Assessment.objects.submitted().count() == 2


def test_submitting_an_incomplete_draft_says_how_much_is_missing(client):
    questionnaire = published_questionnaire()
    town = MunicipalityFactory()
    maintainer = verified_member({"municipality": town}, role=MembershipRole.MAINTAINER)
    client.force_login(maintainer)
    path = {"kind": "kommune", "key": town.ags}
    client.post(reverse("digitalcheck:body_start", kwargs=path))
    client.post(
        reverse("digitalcheck:body_step", kwargs={"step": 1, **path}),
        step_data(questionnaire, 1, 1) | {"next": "1"},
    )
    page = client.get(reverse("digitalcheck:draft_result", kwargs=path)).content.decode()
    assert "2 von 5 Fragen sind beantwortet" in page
    assert "Einreichen können Sie, sobald alle Fragen beantwortet sind." in page


@pytest.mark.parametrize(
    ("viewer", "published", "visible"),
    [
        ("anonymous", False, False),
        ("anonymous", True, True),
        ("member of another body", False, False),
        ("member of the body", False, True),
        ("editor", False, True),
    ],
)
def test_a_result_is_for_the_bodys_members_unless_published(
    client, editor, viewer, published, visible
):
    from tests.digitalcheck.factories import submitted_check

    published_questionnaire()
    town = MunicipalityFactory()
    check = submitted_check({"municipality": town}, all_at(2), is_published=published)
    if viewer == "member of another body":
        client.force_login(verified_member({"municipality": MunicipalityFactory()}))
    elif viewer == "member of the body":
        client.force_login(verified_member({"municipality": town}))
    elif viewer == "editor":
        client.force_login(editor)
    response = client.get(check.get_absolute_url())
    assert response.status_code == (200 if visible else 404)


def test_the_members_data_export_lists_the_checks_they_submitted_and_deletion_keeps_the_check():
    from members.selectors import member_data
    from members.services import member_delete
    from tests.digitalcheck.factories import submitted_check

    published_questionnaire()
    town = MunicipalityFactory(name="Exportstadt")
    check = submitted_check({"municipality": town}, all_at(2))
    maintainer = check.submitted_by
    assert member_data(maintainer)["digital_checks"] == [
        {
            "body": "Exportstadt",
            "year": check.year,
            "status": "submitted",
            "started": True,
            "submitted": True,
        }
    ]
    member_delete(user=maintainer)
    check.refresh_from_db()
    # The check is the body's and stays; it names the anonymous placeholder of the account.
    assert check.status == AssessmentStatus.SUBMITTED
    assert check.submitted_by.email == "" and not check.submitted_by.is_active


def test_the_export_holds_every_answer_with_its_scores_for_those_who_may_see_the_check(client):
    import csv
    import io
    import json

    from tests.digitalcheck.factories import submitted_check

    published_questionnaire()
    town = MunicipalityFactory(name="Exportdorf")
    check = submitted_check({"municipality": town}, all_at(2) | {"strategie-beschluss": 4})
    url = reverse("digitalcheck:assessment_export", args=[check.pk, "json"])
    assert client.get(url).status_code == 404  # not published, not a member
    client.force_login(verified_member({"municipality": town}))
    response = client.get(url)
    assert response["Cache-Control"] == "private, no-store"
    rows = json.loads(b"".join(response.streaming_content))
    assert len(rows) == 5
    first = rows[0]
    assert (first["question_key"], first["level"], first["dimension_score"]) == (
        "strategie-beschluss",
        4,
        "62.5",
    )
    assert first["level_description"] == "Beschluss: Stufe 4"
    csv_response = client.get(reverse("digitalcheck:assessment_export", args=[check.pk, "csv"]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [row["level"] for row in table] == ["4", "2", "2", "2", "2"]
    assert (
        client.get(reverse("digitalcheck:assessment_export", args=[check.pk, "xml"])).status_code
        == 404
    )
