"""Through Redis and a real worker: the clean-up of attendee data after the retention
period deletes exactly the registrations of events that ended long enough ago."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events.choices import RegistrationStatus
from events.models import Event, Registration
from events.tasks import purge_attendee_data
from tests.events.factories import RegistrationEventFactory, RegistrationFactory
from tests.integration.conftest import wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_worker_deletes_the_registrations_past_the_retention_and_keeps_the_others(
    celery_worker,
):
    # The worker reads the same environment, so it keeps the registrations as long.
    days = settings.EVENT_ATTENDEE_RETENTION_DAYS
    now = timezone.now()

    def ended(days_ago: int) -> Event:
        end = now - timedelta(days=days_ago)
        return RegistrationEventFactory(start=end - timedelta(hours=2), end=end)

    old, recent, coming = ended(days + 1), ended(days - 1), RegistrationEventFactory()
    for event in (old, recent, coming):
        RegistrationFactory(event=event, accessibility_needs="Gebärdensprache")
        RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)

    purge_attendee_data.delay()
    wait_for(
        lambda: not Registration.objects.filter(event=old).exists(),
        message="the old registrations to be deleted",
    )
    # One DELETE statement: once the old ones are gone, the task has done all it does.
    assert recent.registrations.count() == 2
    assert coming.registrations.count() == 2
    assert Event.objects.filter(pk=old.pk).exists()  # the event itself stays
