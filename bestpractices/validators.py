from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext_lazy as _

# A slug needs a letter: purely numeric keys in /api/v1/projects/<key>/ are ids.
validate_project_slug = RegexValidator(
    r"^[-a-z0-9_]*[a-z][-a-z0-9_]*$",
    _(
        "Der Kurzname besteht aus Kleinbuchstaben, Ziffern und Bindestrichen und enthält "
        "mindestens einen Buchstaben."
    ),
)

_url_validator = URLValidator(schemes=["http", "https"])


def link_lines(text: str) -> list[str]:
    """The non-empty lines of a links field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_links(text: str) -> None:
    """One http(s) address per line; the message names the bad line."""
    for number, line in enumerate(link_lines(text), start=1):
        try:
            _url_validator(line)
        except ValidationError:
            raise ValidationError(
                _("Zeile %(line)d ist keine gültige Webadresse (http:// oder https://)."),
                code="invalid_link",
                params={"line": number},
            ) from None
