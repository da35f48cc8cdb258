"""Factories for members: an account with a verified address, partner organisations and
the e-mail domains of bodies."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from members.choices import MembershipRole, MembershipStatus, OrganisationKind
from members.models import EmailDomain, Membership, PartnerOrganisation

PASSWORD = "ein-langes-passwort-123"


class MemberFactory(factory.django.DjangoModelFactory):
    """An active account whose e-mail address is verified (as after sign-up)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"mitglied-{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, verified=extracted is not False, primary=True
            )


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.UNIVERSITY


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomain

    domain = factory.Sequence(lambda n: f"kommune{n}.de")


def verified_member(body, *, role=MembershipRole.MEMBER, **kwargs):
    """A member whose membership of ``body`` (``municipality=…`` etc.) is confirmed."""
    member = MemberFactory(**kwargs)
    Membership.objects.create(user=member, role=role, status=MembershipStatus.VERIFIED, **body)
    return member
