"""Through Redis and a real worker: exactly one reminder when beat fires twice and the
first send fails; a digest with exactly the new matches of a saved search."""

import time
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from django.utils import timezone

from notifications.models import Mailing
from notifications.tasks import send_deadline_reminders, send_digests
from tests.bestpractices.factories import ProjectFactory
from tests.events.factories import berlin
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.integration.conftest import wait_for
from tests.notifications.factories import member, saved_search, watch
from tests.portal.factories import theme

# The worker reads what the test committed; the seeded rows (states, themes) are restored
# after each test, which empties the tables.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sent(mail_dir):
    return [
        message_from_bytes(path.read_bytes(), policy=default)
        for path in sorted(mail_dir.glob("*.eml"))
    ]


def test_a_reminder_is_sent_once_though_beat_fires_twice_and_the_send_is_retried(
    celery_worker,
):
    before = len(_sent(celery_worker))
    today = timezone.localdate()
    in_seven_days = today + timedelta(days=7)
    programme = FundingProgrammeFactory(title="Smarte Region")
    user = member("erinnerung")
    watch(user, programme, reminder_days=7)
    FundingCallFactory(
        programme=programme,
        deadline=berlin(in_seven_days.year, in_seven_days.month, in_seven_days.day, 23, 59),
    )

    send_deadline_reminders.delay(today.isoformat())
    send_deadline_reminders.delay(today.isoformat())  # beat fired twice

    wait_for(
        lambda: Mailing.objects.filter(kind="reminder", sent_at__isnull=False).exists(),
        message="the reminder to be sent",
    )
    # Give a duplicate the time it would need to arrive.
    send_deadline_reminders.delay(today.isoformat())
    wait_for(lambda: len(_sent(celery_worker)) > before, message="the e-mail file")

    time.sleep(3)
    sent = _sent(celery_worker)[before:]
    assert len(sent) == 1
    assert (celery_worker / "failed-once").exists()  # the first attempt failed
    message = sent[0]
    assert message["To"] == user.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith("<http")
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert Mailing.objects.filter(kind="reminder").count() == 1


def test_a_digest_holds_exactly_the_new_matches_of_a_saved_search(celery_worker):
    (celery_worker / "failed-once").write_text("1")  # this test is about the content
    before = len(_sent(celery_worker))
    ProjectFactory(title="Schon vorher da", themes=[theme("mobilitaet")])
    user = member("zusammenfassung")
    saved_search(user, query="theme=mobilitaet")
    ProjectFactory(title="Neue Mobilstation", themes=[theme("mobilitaet")])
    ProjectFactory(title="Anderes Thema", themes=[theme("bildung")])

    send_digests.delay("daily")
    send_digests.delay("daily")
    wait_for(
        lambda: Mailing.objects.filter(kind="digest", sent_at__isnull=False).exists(),
        message="the digest to be sent",
    )

    time.sleep(2)
    sent = _sent(celery_worker)[before:]
    assert len(sent) == 1
    text = sent[0].get_body(preferencelist=("plain",)).get_content()
    assert "Neue Mobilstation" in text
    assert "Schon vorher da" not in text and "Anderes Thema" not in text
