"""The network of municipalities: a maintainer of one body proposes a relation, the other
side or an editor confirms it; only confirmed relations are public, on every channel."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.choices import MembershipRole, RelationKind, RelationStatus
from members.graph import draw
from members.models import BodyRelation
from members.services import member_delete, relation_confirm, relation_propose
from portal.choices import PublicationStatus
from portal.models import Tombstone
from tests.bestpractices.factories import ProjectFactory
from tests.cities.factories import AssociationFactory, DistrictFactory, MunicipalityFactory
from tests.conftest import token_client
from tests.members.factories import MemberFactory, verified_member
from tests.members.test_views import signed_in

pytestmark = pytest.mark.django_db

PAGE = reverse("network:relation_list")
PROPOSE = reverse("members:relation_propose")
API = "/api/v1/relations/"


def maintainer(body: dict, **kwargs):
    return verified_member(body, role=MembershipRole.MAINTAINER, **kwargs)


@pytest.fixture
def ulm():
    return MunicipalityFactory(name="Ulmhausen", district=DistrictFactory(key="08425"))


@pytest.fixture
def gelsen():
    return MunicipalityFactory(name="Gelsenstadt")


@pytest.fixture
def ulm_maintainer(ulm):
    return maintainer({"municipality": ulm}, email="pflege@ulmhausen.de")


@pytest.fixture
def gelsen_maintainer(gelsen):
    return maintainer({"municipality": gelsen}, email="pflege@gelsenstadt.de")


def propose(client, partner, option="exchange", **data):
    return client.post(PROPOSE, {"option": option, "partner": partner.ags, **data})


def proposed(ulm_maintainer, ulm, gelsen, **kwargs):
    kwargs.setdefault("kind", RelationKind.EXCHANGE)
    return relation_propose(user=ulm_maintainer, body=ulm, partner=gelsen, **kwargs)


def test_a_proposal_waits_for_the_other_side_and_then_shows_on_both_profiles_and_the_network(
    client, ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    response = signed_in(ulm_maintainer).post(
        PROPOSE,
        {
            "body": f"municipality:{ulm.pk}",
            "option": "model_for_us",
            "partner": gelsen.ags,
            "description": "Die Digitalstrategie",
        },
    )
    assert response.status_code == 302
    relation = BodyRelation.objects.get()
    # "Die Partnerstelle war unser Vorbild": Gelsenstadt is the model (source).
    assert (relation.source, relation.target) == (gelsen, ulm)
    assert relation.kind == RelationKind.MODEL and relation.status == RelationStatus.PROPOSED
    # The other side is told, by e-mail to its maintainers only.
    assert [message.to for message in mail.outbox] == [["pflege@gelsenstadt.de"]]
    assert "Ulmhausen" in mail.outbox[0].body and "/konto/" in mail.outbox[0].body

    # Not public yet: not on the network page, the API, or either profile.
    assert "Die Digitalstrategie" not in client.get(PAGE).text
    assert client.get(API).json()["results"] == []
    assert "Die Digitalstrategie" not in client.get(ulm.get_absolute_url()).text
    assert client.get(f"{API}{relation.pk}/").status_code == 404

    # The other side sees it waiting on its account page and confirms it.
    partner = signed_in(gelsen_maintainer)
    account = partner.get(reverse("members:account")).text
    assert "Warten auf Ihre Bestätigung" in account
    partner.post(reverse("members:relation_action", args=[relation.pk, "confirm"]))
    relation.refresh_from_db()
    assert relation.status == RelationStatus.CONFIRMED
    assert relation.decided_by == gelsen_maintainer and relation.confirmed_at is not None

    page = client.get(PAGE).text
    assert f'id="verbindung-{relation.pk}"' in page and "Die Digitalstrategie" in page
    assert "<svg" in page and page.count('class="network-node"') == 2
    for body, text in ((ulm, "war unser Vorbild"), (gelsen, "hatte uns als Vorbild")):
        profile = client.get(body.get_absolute_url()).text
        assert text in profile
    row = client.get(API).json()["results"][0]
    assert row["source"] == {"kind": "municipality", "key": gelsen.ags, "name": "Gelsenstadt"}
    assert row["target"]["key"] == ulm.ags and row["directed"] is True
    # Nobody's account shows in the public data.
    assert "proposed_by" not in row and "decided_by" not in row
    assert "pflege@" not in str(row)


def test_the_proposing_side_cannot_confirm_its_own_proposal(ulm, gelsen, ulm_maintainer):
    relation = proposed(ulm_maintainer, ulm, gelsen)
    colleague = maintainer({"municipality": ulm})
    signed_in(colleague).post(reverse("members:relation_action", args=[relation.pk, "confirm"]))
    relation.refresh_from_db()
    assert relation.status == RelationStatus.PROPOSED


def test_only_maintainers_of_the_two_sides_see_or_decide_a_proposal(
    ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    relation = proposed(ulm_maintainer, ulm, gelsen)
    outsider = maintainer({"municipality": MunicipalityFactory()})
    plain_member = verified_member({"municipality": gelsen})
    for user in (outsider, plain_member):
        client = signed_in(user)
        assert client.get(f"{API}{relation.pk}/").status_code == 404
        assert client.get(API).json()["results"] == []
        response = client.post(reverse("members:relation_action", args=[relation.pk, "confirm"]))
        assert response.status_code == 404
    relation.refresh_from_db()
    assert relation.status == RelationStatus.PROPOSED
    # Its maintainers see it in the API, with its status.
    data = signed_in(gelsen_maintainer).get(f"{API}{relation.pk}/").json()
    assert data["status"] == "proposed"


@pytest.mark.parametrize("kind", ["unverified", "member", "anonymous"])
def test_only_confirmed_maintainers_may_propose(client, ulm, gelsen, kind):
    if kind == "anonymous":
        response = client.get(PROPOSE)
        assert response.status_code == 302
        return
    user = MemberFactory()
    from members.models import Membership

    Membership.objects.create(
        user=user,
        municipality=ulm,
        role=MembershipRole.MAINTAINER if kind == "unverified" else MembershipRole.MEMBER,
        status="pending" if kind == "unverified" else "verified",
    )
    response = propose(signed_in(user), gelsen, body=f"municipality:{ulm.pk}")
    assert response.status_code == 403
    assert not BodyRelation.objects.exists()


def test_a_maintainer_cannot_propose_for_a_body_they_do_not_maintain(ulm, gelsen, ulm_maintainer):
    other = MunicipalityFactory()
    response = propose(signed_in(ulm_maintainer), gelsen, body=f"municipality:{other.pk}")
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not BodyRelation.objects.exists()


def test_form_errors_name_the_field(ulm, gelsen, ulm_maintainer):
    client = signed_in(ulm_maintainer)
    body = f"municipality:{ulm.pk}"
    cases = [
        ({"option": "adopted_from", "partner": gelsen.ags}, "solution", "Praxisbeispiel"),
        ({"option": "exchange", "partner": "99999999"}, "partner", "keinen Eintrag"),
        ({"option": "exchange", "partner": ulm.ags}, "partner", "mit sich selbst"),
        (
            {"option": "adopted_from", "partner": gelsen.ags, "solution": "/praxisbeispiele/x/"},
            "solution",
            "Kein veröffentlichtes Praxisbeispiel",
        ),
        (
            {"option": "exchange", "partner": gelsen.ags, "solution": "irgendwas"},
            "solution",
            "nur bei einer Übernahme",
        ),
        (
            {"option": "exchange", "partner": gelsen.ags, "description": "x" * 601},
            "description",
            "",
        ),
    ]
    for data, field, text in cases:
        response = client.post(PROPOSE, {"body": body, **data})
        assert response.status_code == 200, data
        errors = response.context["form"].errors
        assert field in errors, (data, errors)
        assert text in " ".join(errors[field])
        assert 'role="alert"' in response.text
    assert not BodyRelation.objects.exists()


def test_the_same_relation_cannot_be_proposed_twice_from_either_side(
    ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    proposed(ulm_maintainer, ulm, gelsen)
    response = signed_in(gelsen_maintainer).post(
        PROPOSE, {"body": f"municipality:{gelsen.pk}", "option": "exchange", "partner": ulm.ags}
    )
    assert "schon eingetragen" in response.text
    assert BodyRelation.objects.count() == 1


def test_an_adoption_names_the_project_by_its_address_and_shows_it_only_while_published(
    client, ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    project = ProjectFactory(slug="offene-daten", title="Offene Daten", lead_municipality=gelsen)
    response = signed_in(ulm_maintainer).post(
        PROPOSE,
        {
            "body": f"municipality:{ulm.pk}",
            "option": "adopted_from",
            "partner": "Gelsenstadt",
            "solution": f"http://testserver{project.get_absolute_url()}",
        },
    )
    assert response.status_code == 302
    relation = BodyRelation.objects.get()
    assert relation.solution == project and (relation.source, relation.target) == (gelsen, ulm)
    relation_confirm(relation=relation, by=gelsen_maintainer)
    row = client.get(f"{API}{relation.pk}/").json()
    assert row["solution"]["slug"] == "offene-daten" and row["kind"] == "adoption"
    assert "Offene Daten" in client.get(PAGE).text

    # Unpublishing the project hides it from the relation and marks the relation changed.
    since = timezone.now()
    project.status = PublicationStatus.ARCHIVED
    project.save()
    changed = client.get(API, {"modified_since": since.isoformat()}).json()["results"]
    assert [row["id"] for row in changed] == [relation.pk]
    assert changed[0]["solution"] is None
    assert "Offene Daten" not in client.get(PAGE).text


def test_an_editor_confirms_in_the_admin(admin_client_for_editor, ulm, gelsen, ulm_maintainer):
    relation = proposed(ulm_maintainer, ulm, gelsen)
    response = admin_client_for_editor.post(
        reverse("admin:members_bodyrelation_changelist"),
        {"action": "confirm", "_selected_action": [relation.pk]},
    )
    assert response.status_code == 302
    relation.refresh_from_db()
    assert relation.status == RelationStatus.CONFIRMED


@pytest.fixture
def admin_client_for_editor(editor):
    return signed_in(editor)


def test_ending_a_confirmed_relation_leaves_a_public_tombstone_and_a_withdrawn_proposal_none(
    client, ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    relation = proposed(ulm_maintainer, ulm, gelsen)
    relation_confirm(relation=relation, by=gelsen_maintainer)
    waiting = proposed(ulm_maintainer, ulm, gelsen, kind=RelationKind.JOINT)
    maintainer_client = signed_in(ulm_maintainer)
    for item in (relation, waiting):
        maintainer_client.post(reverse("members:relation_action", args=[item.pk, "remove"]))
    assert not BodyRelation.objects.exists()
    public = client.get("/api/v1/tombstones/", {"resource": "relations"}).json()["results"]
    assert [row["key"] for row in public] == [str(relation.pk)]
    assert Tombstone.objects.get(key=str(waiting.pk)).public is False


def test_declining_keeps_it_out_of_public_view(
    client, ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    relation = proposed(ulm_maintainer, ulm, gelsen)
    signed_in(gelsen_maintainer).post(
        reverse("members:relation_action", args=[relation.pk, "decline"])
    )
    relation.refresh_from_db()
    assert relation.status == RelationStatus.DECLINED
    assert client.get(API).json()["results"] == []
    # Declined, it may be proposed again.
    proposed(ulm_maintainer, ulm, gelsen)


def confirmed_relations(count):
    """``count`` confirmed relations of a hub with bodies of all three kinds."""
    hub = MunicipalityFactory(name="Knotenstadt")
    user = MemberFactory()
    district = DistrictFactory()
    relations = []
    for index in range(count):
        partner = [
            MunicipalityFactory,
            lambda: AssociationFactory(district=district),
            DistrictFactory,
        ][index % 3]()
        field = partner._meta.model_name
        relations.append(
            BodyRelation.objects.create(
                kind=list(RelationKind.values)[index % 4],
                source_municipality=hub,
                **{f"target_{field}": partner},
                proposed_by=user,
                proposed_by_source=True,
                status=RelationStatus.CONFIRMED,
                confirmed_at=timezone.now() - timedelta(minutes=index),
            )
        )
    return hub, relations


@pytest.mark.parametrize("url", [PAGE, API])
def test_the_network_page_and_api_make_the_same_number_of_queries_for_3_and_12_relations(
    client, url
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _hub, relations = confirmed_relations(3)
    project = ProjectFactory()
    for relation in relations:
        relation.solution = project
        relation.save()
    few = queries()
    for relation in confirmed_relations(9)[1]:
        relation.solution = project
        relation.save()
    assert queries() == few


def test_a_profile_page_makes_the_same_number_of_queries_for_1_and_10_relations(client):
    hub, _relations = confirmed_relations(1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(hub.get_absolute_url()).status_code == 200
        return len(captured)

    one = queries()
    user = MemberFactory()
    for _index in range(9):
        BodyRelation.objects.create(
            kind=RelationKind.EXCHANGE,
            source_municipality=hub,
            target_municipality=MunicipalityFactory(),
            proposed_by=user,
            proposed_by_source=True,
            status=RelationStatus.CONFIRMED,
            confirmed_at=timezone.now(),
        )
    assert queries() == one


def test_filters_are_shared_by_page_and_api(client):
    hub, relations = confirmed_relations(6)
    exchange = [r.pk for r in relations if r.kind == RelationKind.EXCHANGE]
    assert sorted(
        row["id"] for row in client.get(API, {"kind": "exchange"}).json()["results"]
    ) == sorted(exchange)
    page = client.get(PAGE, {"kind": "exchange"})
    assert sorted(relation.pk for relation in page.context["object_list"]) == sorted(exchange)
    district_relation = relations[2]
    key = district_relation.target.key
    assert [row["id"] for row in client.get(API, {"body": key}).json()["results"]] == [
        district_relation.pk
    ]
    assert len(client.get(API, {"body": hub.ags}).json()["results"]) == 6
    # Bayern: none; Nordrhein-Westfalen (the factories' state): all.
    assert client.get(API, {"state": "09"}).json()["results"] == []
    assert len(client.get(API, {"state": "05"}).json()["results"]) == 6
    bad = client.get(API, {"body": "123"})
    assert bad.status_code == 400 and "body" in bad.json()
    page = client.get(PAGE, {"body": "123"})
    assert page.status_code == 200 and "body" in page.context["filter_form"].errors


def test_the_atlas_and_the_statistics_api_count_relations_per_kind_and_body(client):
    hub, _relations = confirmed_relations(5)
    data = client.get("/api/v1/stats/network/").json()
    assert data["relation_count"] == 5 and data["body_count"] == 6
    assert {row["key"]: row["count"] for row in data["kinds"]} == {
        "model": 2,
        "exchange": 1,
        "joint": 1,
        "adoption": 1,
    }
    assert data["top_bodies"][0] == {
        "key": hub.ags,
        "label": "Knotenstadt",
        "count": 5,
        "percent": 100.0,
    }
    atlas = client.get(reverse("cities:atlas")).text
    assert "Stellen mit den meisten Verbindungen" in atlas and "Knotenstadt" in atlas


def test_a_proposal_stays_attributed_to_the_deleted_members_placeholder(
    ulm, gelsen, ulm_maintainer
):
    relation = proposed(ulm_maintainer, ulm, gelsen)
    member_delete(user=ulm_maintainer)
    relation.refresh_from_db()
    assert relation.proposed_by_id == ulm_maintainer.pk
    assert relation.proposed_by.email == "" and not relation.proposed_by.is_active


def test_the_graph_draws_each_body_once_and_arrows_only_for_directed_kinds():
    confirmed_relations(4)
    graph = draw(BodyRelation.objects.with_bodies())
    assert len(graph.nodes) == 5 and len(graph.edges) == 4
    assert {edge.kind: edge.directed for edge in graph.edges} == {
        "model": True,
        "exchange": False,
        "joint": False,
        "adoption": True,
    }
    hub_node = next(node for node in graph.nodes if node.label == "Knotenstadt")
    assert hub_node.degree == 4
    for node in graph.nodes:
        assert 0 <= node.x <= graph.size and 0 <= node.y <= graph.size


def test_a_partner_token_reads_the_network_and_is_refused_the_members_directory(
    ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    """A token stands for a partner's account, not a member: the directory answers 403,
    not a server error, and the network shows the confirmed relations only."""
    relation = proposed(ulm_maintainer, ulm, gelsen)
    client = token_client(["read:drafts"])
    assert client.get(API).json()["results"] == []
    relation_confirm(relation=relation, by=gelsen_maintainer)
    assert [row["id"] for row in client.get(API).json()["results"]] == [relation.pk]
    assert client.get("/api/v1/directory/").status_code == 403


def test_the_members_data_export_lists_the_relations_they_proposed_or_decided(
    ulm, gelsen, ulm_maintainer, gelsen_maintainer
):
    from members.selectors import member_data

    relation = proposed(ulm_maintainer, ulm, gelsen)
    relation_confirm(relation=relation, by=gelsen_maintainer)
    mine = member_data(ulm_maintainer)["relations"]
    assert [(row["kind"], row["proposed_by_me"]) for row in mine] == [("exchange", True)]
    theirs = member_data(gelsen_maintainer)["relations"]
    assert [(row["status"], row["proposed_by_me"]) for row in theirs] == [("confirmed", False)]
    assert member_data(MemberFactory())["relations"] == []
