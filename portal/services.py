from django.db import transaction
from django.utils import timezone

from portal.choices import PublicationStatus
from portal.models import Publishable


def publication_stamp(instance: Publishable) -> None:
    """Stamp ``published_at`` on an object's first publication (kept on later ones)."""
    if instance.status == PublicationStatus.PUBLISHED and instance.published_at is None:
        instance.published_at = timezone.now()


@transaction.atomic
def publication_set_status(*, instance: Publishable, status: str) -> Publishable:
    """Move an editorial object to ``status``; the first publication stamps ``published_at``."""
    if status not in PublicationStatus.values:
        raise ValueError(f"Unknown publication status {status!r}")
    instance.status = status
    publication_stamp(instance)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def publication_mark_verified(*, instance: Publishable, on=None) -> Publishable:
    """Record that an editor checked the object's facts (today unless ``on`` is given)."""
    instance.last_verified_on = on or timezone.localdate()
    instance.save(update_fields=["last_verified_on", "updated_at"])
    return instance
