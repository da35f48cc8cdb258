"""Deadline reminders 14, 7 or 1 day(s) ahead in Europe/Berlin, once per member, call and
deadline, and a notice in the digest when a watched call's dates change."""

from datetime import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from notifications.models import Mailing
from notifications.tasks import send_deadline_reminders
from portal.choices import PublicationStatus
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.notifications.factories import member, saved_search, watch
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db

TODAY = "2026-12-07"


def berlin(year, month, day, hour=12, minute=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def test_a_call_due_in_seven_days_gets_exactly_one_reminder():
    programme = FundingProgrammeFactory(title="Smarte Region")
    user = member()
    watch(user, programme, reminder_days=7)
    FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 14, 23, 59))

    send_deadline_reminders(TODAY)
    send_deadline_reminders(TODAY)  # beat fired twice
    send_deadline_reminders("2026-12-08")  # the next day it is still within the window

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.endswith("Frist naht: Smarte Region")
    assert "Frist: 14.12.2026, in 7 Tag(en)" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.alternatives[0][1] == "text/html"


def test_the_window_is_counted_in_berlin_time():
    programme = FundingProgrammeFactory()
    user = member()
    watch(user, programme, reminder_days=1)
    # 00:30 on 9 December in Berlin is still 8 December in UTC: two days ahead, not one.
    FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 9, 0, 30))
    send_deadline_reminders(TODAY)
    assert mail.outbox == []
    send_deadline_reminders("2026-12-08")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("days", "reminded"), [(14, True), (7, False), (1, False)])
def test_the_member_chooses_how_early(days, reminded):
    programme = FundingProgrammeFactory()
    user = member()
    watch(user, programme, reminder_days=days)
    FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 17))  # in 10 days
    send_deadline_reminders(TODAY)
    assert len(mail.outbox) == (1 if reminded else 0)


def test_a_saved_search_on_programmes_reminds_of_the_calls_of_its_matches():
    user = member()
    saved_search(
        user, list_key="funding.fundingprogramme", query="theme=mobilitaet", reminder_days=7
    )
    matching = FundingProgrammeFactory(title="Mobil", themes=[theme("mobilitaet")])
    other = FundingProgrammeFactory(title="Bildung", themes=[theme("bildung")])
    draft = FundingProgrammeFactory(
        title="Entwurf", themes=[theme("mobilitaet")], status=PublicationStatus.DRAFT
    )
    for programme in (matching, other, draft):
        FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 10))
    send_deadline_reminders(TODAY)
    assert [message.subject.split(": ", 1)[1] for message in mail.outbox] == ["Mobil"]


def test_a_moved_deadline_is_reminded_of_again_and_rolling_calls_never():
    programme = FundingProgrammeFactory()
    user = member()
    watch(user, programme, reminder_days=7)
    call = FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 10))
    FundingCallFactory(programme=programme, deadline=None, rolling=True)
    send_deadline_reminders(TODAY)
    call.deadline = berlin(2026, 12, 12)
    call.save()
    send_deadline_reminders(TODAY)
    assert len(mail.outbox) == 2
    assert Mailing.objects.filter(kind="reminder").count() == 2


def test_one_click_unsubscribe_of_a_reminder_stops_reminders_but_keeps_the_watch():
    programme = FundingProgrammeFactory()
    user = member()
    subscription = watch(user, programme, reminder_days=7)
    FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 10))
    send_deadline_reminders(TODAY)
    token = Mailing.objects.get().token
    response = Client(enforce_csrf_checks=True).post(
        f"/benachrichtigungen/abbestellen/{token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.reminder_days is None and subscription.email_enabled
    FundingCallFactory(programme=programme, deadline=berlin(2026, 12, 11))
    send_deadline_reminders(TODAY)
    assert len(mail.outbox) == 1


def test_reminders_are_offered_only_for_programmes():
    from django.core.exceptions import ValidationError

    user = member()
    with pytest.raises(ValidationError) as error:
        saved_search(user, list_key="events.event", reminder_days=7)
    assert "reminder_days" in error.value.message_dict
