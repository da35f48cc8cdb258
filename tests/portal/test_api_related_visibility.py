"""Every relation the API shows or accepts to an editorial object follows that object's own
``visible_to`` rule: a published object never names a draft it is linked to, and a draft's
key is refused on input like an unknown one."""

import pytest
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, RelatedField

from portal.api.serializers import VisibleSlugRelatedField
from portal.api.urls import router
from portal.models import Publishable
from tests.conftest import token_client
from tests.events.factories import EventFactory, ExpertCircleFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

pytestmark = pytest.mark.django_db


def api_serializers():
    for _prefix, viewset, _basename in router.registry:
        for name in ("serializer_class", "list_serializer_class"):
            serializer = getattr(viewset, name, None)
            if serializer is not None:
                yield serializer


def relations(serializer_class):
    """(name, relation field, related model) of every relation a serializer has, nested
    serializers included."""
    for name, field in serializer_class().fields.items():
        child = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(child, RelatedField):
            model = serializer_class.Meta.model._meta.get_field(child.source or name)
            yield f"{serializer_class.__name__}.{name}", child, model.related_model
        elif isinstance(field, serializers.BaseSerializer):
            nested = field.child if isinstance(field, serializers.ListSerializer) else field
            yield from relations(type(nested))


def test_every_relation_to_an_editorial_model_is_limited_to_what_the_caller_may_see():
    checked, unguarded = [], []
    for serializer_class in set(api_serializers()):
        for name, field, model in relations(serializer_class):
            if issubclass(model, Publishable):
                checked.append(name)
                if not isinstance(field, VisibleSlugRelatedField):
                    unguarded.append(name)
    assert unguarded == []
    # The relations this rule is known to cover (a new one joins the list by itself).
    assert {
        "ProjectSerializer.funding_programmes",
        "EventSerializer.expert_circle",
        "FundingCallSerializer.programme",
    } <= set(checked)


def test_an_event_is_not_linked_to_a_draft_circle_by_a_writer_who_cannot_see_it():
    draft = ExpertCircleFactory(slug="geheimer-kreis", status="draft")
    event = EventFactory(slug="treffen")
    client = token_client(["write:events.event"])
    answers = [
        client.patch(
            "/api/v1/events/treffen/", {"expert_circle": slug}, content_type="application/json"
        )
        for slug in (draft.slug, "gibt-es-nicht")
    ]
    # A referenced object that does not exist is a 409 (README): the draft answers the same.
    assert [answer.status_code for answer in answers] == [409, 409]
    assert [list(answer.json()) for answer in answers] == [["expert_circle"], ["expert_circle"]]
    event.refresh_from_db()
    assert event.expert_circle is None


def test_a_call_is_not_added_to_a_draft_programme_by_a_writer_who_cannot_see_it():
    FundingProgrammeFactory(slug="geheimes-programm", status="draft")
    visible = FundingCallFactory()
    client = token_client(["write:funding.fundingcall"])
    answers = [
        client.patch(
            f"/api/v1/funding-calls/{visible.pk}/",
            {"programme": slug},
            content_type="application/json",
        )
        for slug in ("geheimes-programm", "gibt-es-nicht")
    ]
    assert [answer.status_code for answer in answers] == [409, 409]
    assert [list(answer.json()) for answer in answers] == [["programme"], ["programme"]]
