from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    """Where an editorial object stands in the publication workflow."""

    DRAFT = "draft", _("Entwurf")
    REVIEW = "review", _("In Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")
