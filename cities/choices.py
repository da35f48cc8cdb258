from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    """Legal kind of a municipality in the register."""

    GEMEINDE = "gemeinde", _("Gemeinde")
    STADT = "stadt", _("Stadt")
    KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
    MARKT = "markt", _("Markt")
    GEMEINDEFREIES_GEBIET = "gemeindefreies_gebiet", _("Gemeindefreies Gebiet")


class DistrictKind(models.TextChoices):
    """Legal kind of a district (Kreis level) in the register."""

    KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
    STADTKREIS = "stadtkreis", _("Stadtkreis")
    LANDKREIS = "landkreis", _("Landkreis")
    KREIS = "kreis", _("Kreis")
    REGIONALVERBAND = "regionalverband", _("Regionalverband")


class AssociationKind(models.TextChoices):
    """Kind of a Gemeindeverband: an association of municipalities that shares their
    administration (GV100AD Textkennzeichen 51–58)."""

    AMT = "amt", _("Amt")
    SAMTGEMEINDE = "samtgemeinde", _("Samtgemeinde")
    VERBANDSGEMEINDE = "verbandsgemeinde", _("Verbandsgemeinde")
    VERWALTUNGSGEMEINSCHAFT = "verwaltungsgemeinschaft", _("Verwaltungsgemeinschaft")
    KIRCHSPIELSLANDGEMEINDE = "kirchspielslandgemeinde", _("Kirchspielslandgemeinde")
    VERWALTUNGSVERBAND = "verwaltungsverband", _("Verwaltungsverband")
    VG_TRAEGERMODELL = "vg_traegermodell", _("Verwaltungsgemeinschaft (Trägermodell)")
    ERFUELLENDE_GEMEINDE = "erfuellende_gemeinde", _("Erfüllende Gemeinde")


class SizeClass(models.TextChoices):
    """Size class from the population (BBSR-style Stadt- und Gemeindetypen)."""

    GROSSSTADT = "grossstadt", _("Großstadt (ab 100.000 Einw.)")
    MITTELSTADT = "mittelstadt", _("Mittelstadt (20.000–99.999 Einw.)")
    KLEINSTADT = "kleinstadt", _("Kleinstadt (5.000–19.999 Einw.)")
    LANDGEMEINDE = "landgemeinde", _("Landgemeinde (unter 5.000 Einw.)")


# Inclusive lower and exclusive upper population bound of each size class.
SIZE_CLASS_BOUNDS = {
    SizeClass.GROSSSTADT: (100_000, None),
    SizeClass.MITTELSTADT: (20_000, 100_000),
    SizeClass.KLEINSTADT: (5_000, 20_000),
    SizeClass.LANDGEMEINDE: (0, 5_000),
}


def size_class_for(population: int | None) -> str | None:
    """The size class of a population, or None when the population is unknown."""
    if population is None:
        return None
    for size_class, (lower, upper) in SIZE_CLASS_BOUNDS.items():
        if population >= lower and (upper is None or population < upper):
            return size_class
    return None


class StrategyStatus(models.TextChoices):
    """Where a municipality stands with its digital strategy (the Atlas's three phases), or
    that the portal does not know yet."""

    ADOPTED = "adopted", _("Strategie beschlossen")
    IN_DEVELOPMENT = "in_development", _("Strategie in Entwicklung")
    NONE = "none", _("Keine Strategie")
    UNKNOWN = "unknown", _("Nicht bekannt")


class Challenge(models.TextChoices):
    """Challenges municipalities name on their way to the digital city (Smart-City-Atlas)."""

    DIGITAL_PARTICIPATION = "digital_participation", _("Digitale Teilhabe")
    STAFF_QUALIFICATION = "staff_qualification", _("Qualifizierung der Mitarbeitenden")
    DATA_PROTECTION_SECURITY = "data_protection_security", _("Datenschutz und IT-Sicherheit")
    FUNDING = "funding", _("Finanzierung")
    LEADERSHIP_SUPPORT = "leadership_support", _("Unterstützung der Führungsebene")
    STAKEHOLDER_INVOLVEMENT = "stakeholder_involvement", _("Einbindung der Akteure vor Ort")


class AtlasCriterion(models.TextChoices):
    """The conditions for inclusion in the Smart-City-Atlas 2019: an integrated digital
    strategy, a cross-departmental organisational unit, a local partner network."""

    STRATEGY = "strategy", _("Integrierte Digitalstrategie entwickelt")
    ORGANISATIONAL_UNIT = "organisational_unit", _("Ressortübergreifende Organisationseinheit")
    PARTNER_NETWORK = "partner_network", _("Lokales Partnernetzwerk für die Digitalisierung")


# Map categories for municipalities without a profile the visitor may see.
NO_PROFILE_CATEGORY = "no_profile"
