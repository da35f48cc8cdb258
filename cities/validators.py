"""Validation of the official keys: Amtlicher Gemeindeschlüssel (AGS, 8 digits) and
Amtlicher Regionalschlüssel (ARS, 12 digits)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

STATE_CODES = {f"{number:02d}" for number in range(1, 17)}


def _validate_key(value: str, length: int, label: str) -> None:
    if not value.isdigit() or not value.isascii():
        raise ValidationError(
            _("Der %(label)s darf nur Ziffern enthalten."), code="digits", params={"label": label}
        )
    if len(value) != length:
        raise ValidationError(
            _("Der %(label)s hat genau %(length)d Ziffern, nicht %(actual)d."),
            code="length",
            params={"label": label, "length": length, "actual": len(value)},
        )
    if value[:2] not in STATE_CODES:
        raise ValidationError(
            _("Der %(label)s beginnt mit dem Länderschlüssel 01 bis 16, nicht mit %(prefix)s."),
            code="state",
            params={"label": label, "prefix": value[:2]},
        )


def _key_pattern(length: int) -> str:
    return rf"^(?:0[1-9]|1[0-6])[0-9]{{{length - 2}}}$"


def validate_ags(value: str) -> None:
    """An AGS has 8 digits and starts with a state code 01–16."""
    _validate_key(value, 8, "AGS")


def validate_district_key(value: str) -> None:
    """A district key (Kreisschlüssel) has 5 digits and starts with a state code 01–16."""
    _validate_key(value, 5, _("Kreisschlüssel"))


def validate_ars(value: str) -> None:
    """An ARS has 12 digits and starts with a state code 01–16."""
    _validate_key(value, 12, "ARS")


# The same rules as regular expressions, for the API's schema (``PortalModelSerializer``).
validate_ags.pattern = _key_pattern(8)
validate_district_key.pattern = _key_pattern(5)
validate_ars.pattern = _key_pattern(12)


def ags_from_ars(ars: str) -> str:
    """The AGS contained in an ARS: state, Regierungsbezirk and district (ARS[0:5]) plus the
    municipality number (ARS[9:12]); ARS[5:9] is the Gemeindeverband."""
    return ars[0:5] + ars[9:12]


def validate_ags_matches_ars(ags: str, ars: str) -> None:
    """Raise a ValidationError on the ``ars`` field when the pair is inconsistent."""
    if ags and ars and len(ars) == 12 and ags_from_ars(ars) != ags:
        raise ValidationError(
            {
                "ars": _(
                    "AGS und ARS passen nicht zusammen: aus dem ARS %(ars)s ergibt sich der "
                    "AGS %(expected)s, angegeben ist %(ags)s."
                )
                % {"ars": ars, "expected": ags_from_ars(ars), "ags": ags}
            },
            code="mismatch",
        )


def validate_association_key(value: str) -> None:
    """The key of a Gemeindeverband: the first 9 digits of its members' ARS (state, district,
    association), starting with a state code 01–16."""
    _validate_key(value, 9, _("Verbandsschlüssel"))
