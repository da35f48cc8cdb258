"""Joining a body and confirming a membership: by the body's e-mail domain, by an editor or
by a verified colleague, and never by oneself or by a stranger."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError

from members.choices import MembershipRole, MembershipStatus, VerificationMethod
from members.models import Membership
from members.services import (
    domain_candidates,
    membership_confirm,
    membership_reject,
    membership_request,
    memberships_confirm_by_domain,
)
from tests.cities.factories import DistrictFactory, MunicipalityFactory
from tests.members.factories import (
    EmailDomainFactory,
    MemberFactory,
    PartnerOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_domain_candidates_are_the_domain_and_its_parents():
    assert domain_candidates("a.b@rathaus.stadt-x.de") == ["rathaus.stadt-x.de", "stadt-x.de"]
    assert domain_candidates("KLEIN@Stadt.DE") == ["stadt.de"]
    assert domain_candidates("kein-at") == []


def test_a_verified_address_at_the_bodys_domain_confirms_at_once():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    member = MemberFactory(email="cdo@rathaus.musterstadt.de")

    membership = membership_request(
        user=member, municipality=municipality, role=MembershipRole.MAINTAINER
    )

    assert membership.status == MembershipStatus.VERIFIED
    assert membership.verification == VerificationMethod.DOMAIN
    assert membership.is_maintainer


def test_an_address_at_another_bodys_domain_waits():
    municipality, other = MunicipalityFactory(), MunicipalityFactory()
    EmailDomainFactory(domain="andere.de", municipality=other)
    member = MemberFactory(email="x@andere.de")

    membership = membership_request(user=member, municipality=municipality)

    assert membership.status == MembershipStatus.PENDING
    assert not membership.is_maintainer


def test_an_unverified_address_at_the_domain_does_not_confirm():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    member = MemberFactory(email="x@musterstadt.de", verified=False)

    assert membership_request(user=member, municipality=municipality).status == "pending"


def test_a_lookalike_domain_does_not_confirm():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    member = MemberFactory(email="x@falsche-musterstadt.de")

    assert membership_request(user=member, municipality=municipality).status == "pending"


def test_verifying_an_address_later_confirms_the_waiting_membership():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    member = MemberFactory(email="x@musterstadt.de", verified=False)
    membership = membership_request(user=member, municipality=municipality)

    EmailAddress.objects.filter(user=member).update(verified=True)
    memberships_confirm_by_domain(user=member)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.VERIFIED


def test_joining_the_same_body_twice_is_refused_with_a_message():
    district = DistrictFactory()
    member = MemberFactory()
    membership_request(user=member, district=district)

    with pytest.raises(ValidationError) as error:
        membership_request(user=member, district=district)
    assert "bereits" in str(error.value)
    assert Membership.objects.filter(user=member).count() == 1


def test_an_editor_confirms_a_membership(editor):
    membership = membership_request(user=MemberFactory(), organisation=PartnerOrganisationFactory())

    membership_confirm(membership=membership, by=editor)

    membership.refresh_from_db()
    assert membership.status == MembershipStatus.VERIFIED
    assert membership.verification == VerificationMethod.EDITOR
    assert membership.verified_by == editor


def test_a_verified_colleague_confirms_a_member_but_not_a_maintainer():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    colleague = MemberFactory(email="a@musterstadt.de")
    membership_request(user=colleague, municipality=municipality)
    newcomer = membership_request(user=MemberFactory(), municipality=municipality)
    wants_to_maintain = membership_request(
        user=MemberFactory(), municipality=municipality, role=MembershipRole.MAINTAINER
    )

    membership_confirm(membership=newcomer, by=colleague)
    with pytest.raises(PermissionDenied):
        membership_confirm(membership=wants_to_maintain, by=colleague)

    newcomer.refresh_from_db()
    assert newcomer.verification == VerificationMethod.COLLEAGUE
    assert newcomer.verified_by == colleague
    wants_to_maintain.refresh_from_db()
    assert wants_to_maintain.status == MembershipStatus.PENDING


def test_a_maintainer_confirms_a_maintainer():
    municipality = MunicipalityFactory()
    EmailDomainFactory(domain="musterstadt.de", municipality=municipality)
    maintainer = MemberFactory(email="a@musterstadt.de")
    membership_request(user=maintainer, municipality=municipality, role=MembershipRole.MAINTAINER)
    request = membership_request(
        user=MemberFactory(), municipality=municipality, role=MembershipRole.MAINTAINER
    )

    membership_confirm(membership=request, by=maintainer)

    request.refresh_from_db()
    assert request.is_maintainer


def test_nobody_confirms_themselves_nor_a_stranger_of_another_body():
    municipality, other = MunicipalityFactory(), MunicipalityFactory()
    EmailDomainFactory(domain="andere.de", municipality=other)
    stranger = MemberFactory(email="a@andere.de")
    membership_request(user=stranger, municipality=other)
    member = MemberFactory()
    membership = membership_request(user=member, municipality=municipality)
    pending_colleague = MemberFactory()
    membership_request(user=pending_colleague, municipality=municipality)

    for by in (member, stranger, pending_colleague):
        with pytest.raises(PermissionDenied):
            membership_confirm(membership=membership, by=by)
        with pytest.raises(PermissionDenied):
            membership_reject(membership=membership, by=by)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_a_decided_membership_cannot_be_decided_again(editor):
    membership = membership_request(user=MemberFactory(), district=DistrictFactory())
    membership_reject(membership=membership, by=editor)

    with pytest.raises(ValidationError):
        membership_confirm(membership=membership, by=editor)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REJECTED
