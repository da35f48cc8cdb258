from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """Kind of a partner organisation; companies are marked for the centre's vendor
    neutrality."""

    COMPANY = "company", _("Unternehmen")
    UNIVERSITY = "university", _("Hochschule oder Forschungseinrichtung")
    ASSOCIATION = "association", _("Verband oder Verein")
    STATE_AGENCY = "state_agency", _("Landes- oder Bundesbehörde")
    OTHER = "other", _("Sonstige Organisation")


class MembershipRole(models.TextChoices):
    """What a member may do for the body: read as a member, or maintain its content."""

    MEMBER = "member", _("Mitglied")
    MAINTAINER = "maintainer", _("Pflegt die Inhalte")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("wartet auf Bestätigung")
    VERIFIED = "verified", _("bestätigt")
    REJECTED = "rejected", _("abgelehnt")


class VerificationMethod(models.TextChoices):
    """How a membership was confirmed."""

    DOMAIN = "domain", _("durch die bestätigte E-Mail-Adresse der Stelle")
    EDITOR = "editor", _("durch die Redaktion")
    COLLEAGUE = "colleague", _("durch eine bestätigte Kollegin oder einen Kollegen")


class ContactAbout(models.TextChoices):
    """What a contact message is about: where the sender pressed "Kontakt aufnehmen"."""

    PROJECT = "project", _("Praxisbeispiel")
    PROFILE = "profile", _("Digitalprofil einer Stelle")
    MEMBER = "member", _("Mitglied")


class ChangeStatus(models.TextChoices):
    """Where a member's proposed change stands in the editors' review."""

    PENDING = "pending", _("wartet auf Prüfung")
    APPROVED = "approved", _("übernommen")
    REJECTED = "rejected", _("abgelehnt")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class DirectoryRole(models.TextChoices):
    """The role a member gives in "Wer macht was", if they give one."""

    CDO = "cdo", _("Chief Digital Officer (CDO)")
    DIGITAL_OFFICER = "digital_officer", _("Digitalisierungsbeauftragte oder -beauftragter")
    IT_LEAD = "it_lead", _("IT-Leitung")
    SMART_CITY = "smart_city", _("Smart-City-Management")
    PROJECT_LEAD = "project_lead", _("Projektleitung")
    LEADERSHIP = "leadership", _("Verwaltungsspitze oder Politik")
    OTHER = "other", _("Andere Rolle")


class RelationKind(models.TextChoices):
    """How two bodies of the network are linked (the kinds of the KTS network dashboard)."""

    MODEL = "model", _("Vorbild")
    EXCHANGE = "exchange", _("Erfahrungsaustausch")
    JOINT = "joint", _("gemeinsame Entwicklung")
    ADOPTION = "adoption", _("Übernahme einer Lösung")


# Kinds with a direction: the source was the model for the target, or the target took over
# the source's solution. The others link two bodies alike.
DIRECTED_KINDS = frozenset({RelationKind.MODEL, RelationKind.ADOPTION})


class RelationStatus(models.TextChoices):
    """A relation is proposed by a maintainer of one side and confirmed or declined by the
    other side or an editor; only confirmed relations are public."""

    PROPOSED = "proposed", _("vorgeschlagen")
    CONFIRMED = "confirmed", _("bestätigt")
    DECLINED = "declined", _("abgelehnt")
