"""Digests: exactly the news of a subscription, once, in a multipart e-mail with the
one-click unsubscribe of RFC 8058."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from notifications.models import Mailing, MailingItem, Subscription
from notifications.services import digest_build
from notifications.tasks import send_digests
from portal.choices import PublicationStatus
from tests.bestpractices.factories import ProjectFactory
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory
from tests.notifications.factories import member, saved_search, watch
from tests.portal.factories import theme

pytestmark = pytest.mark.django_db


def _earlier(subscription, minutes=5):
    """Make the subscription look saved a while ago, before the test's content."""
    Subscription.objects.filter(pk=subscription.pk).update(
        checked_until=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_digest_holds_exactly_the_new_matches_of_a_saved_search():
    before = ProjectFactory(title="Schon bekannt", themes=[theme("mobilitaet")])
    user = member()
    search = saved_search(user, query="theme=mobilitaet")
    assert search.summary == "Handlungsfeld: " + theme("mobilitaet").name
    ProjectFactory(title="Neue Mobilstation", themes=[theme("mobilitaet")])
    ProjectFactory(title="Anderes Thema", themes=[theme("bildung")])
    ProjectFactory(
        title="Noch ein Entwurf", themes=[theme("mobilitaet")], status=PublicationStatus.DRAFT
    )
    assert before.updated_at < search.checked_until

    send_digests("daily")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Neue Mobilstation" in message.body
    for absent in ("Schon bekannt", "Anderes Thema", "Noch ein Entwurf"):
        assert absent not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Neue Mobilstation" in html
    assert message.subject.endswith("1 Neuigkeit aus Ihren Abonnements")
    assert message.from_email == "portal@localhost"


def test_each_item_is_sent_once_and_a_change_is_news_again():
    user = member()
    search = saved_search(user, query="theme=mobilitaet")
    project = ProjectFactory(title="Mobilstation", themes=[theme("mobilitaet")])

    send_digests("daily", today="2026-12-07")
    send_digests("daily", today="2026-12-07")  # beat fired twice
    send_digests("daily", today="2026-12-08")  # the next day: nothing new
    assert len(mail.outbox) == 1

    project.summary = "Jetzt mit Lastenrädern."
    project.save()
    send_digests("daily", today="2026-12-09")
    assert len(mail.outbox) == 2
    assert "[geändert] Mobilstation" in mail.outbox[1].body
    assert MailingItem.objects.filter(subscription=search).count() == 2


def test_a_second_build_for_the_same_period_finds_the_first():
    user = member()
    saved_search(user)
    ProjectFactory()
    first = digest_build(user=user, frequency="daily", today=date(2026, 12, 7))
    ProjectFactory(title="Danach")
    second = digest_build(user=user, frequency="daily", today=date(2026, 12, 7))
    assert first is not None and second.pk == first.pk
    assert Mailing.objects.count() == 1


def test_weekly_subscriptions_wait_for_the_weekly_digest():
    user = member()
    saved_search(user, frequency="weekly")
    ProjectFactory()
    send_digests("daily")
    assert mail.outbox == []
    send_digests("weekly")
    assert len(mail.outbox) == 1


def test_a_member_sees_in_the_digest_only_what_they_may_see():
    user = member()
    saved_search(user)
    ProjectFactory(title="Entwurf", status=PublicationStatus.DRAFT)
    send_digests("daily")
    assert mail.outbox == []


def test_watching_a_programme_reports_new_calls_and_changed_dates_only():
    programme = FundingProgrammeFactory(title="Smarte Region")
    user = member()
    subscription = watch(user, programme)
    call = FundingCallFactory(programme=programme, title="Aufruf 2027")
    send_digests("daily", today="2026-12-07")
    assert "[neu] Smarte Region: Aufruf 2027" in mail.outbox[0].body

    call.title = "Aufruf 2027 (neuer Titel)"
    call.save()
    send_digests("daily", today="2026-12-08")
    # Another change than the dates is no news of the call (the programme, whose
    # modification time its calls touch, is reported as changed).
    assert "Aufruf 2027" not in mail.outbox[-1].body
    assert "[geändert] Smarte Region" in mail.outbox[-1].body

    call.deadline += timedelta(days=14)
    call.save()
    send_digests("daily", today="2026-12-09")
    assert "[Termine geändert] Smarte Region: Aufruf 2027 (neuer Titel)" in mail.outbox[-1].body
    assert subscription.items.filter(content_type__model="fundingcall").count() == 2


def test_watching_a_theme_reports_projects_and_programmes_of_the_theme():
    user = member()
    watch(user, theme("energie-umwelt"))
    ProjectFactory(title="Wärmeplan", themes=[theme("energie-umwelt")])
    FundingProgrammeFactory(title="Klimaschutz", themes=[theme("energie-umwelt")])
    ProjectFactory(title="Schule digital", themes=[theme("bildung")])
    send_digests("daily")
    body = mail.outbox[0].body
    assert "Wärmeplan" in body and "Klimaschutz" in body and "Schule digital" not in body


def test_digest_carries_the_one_click_unsubscribe_which_works_without_a_session():
    user = member()
    search = saved_search(user)
    ProjectFactory()
    send_digests("daily")
    message = mail.outbox[0]
    mailing = Mailing.objects.get()
    url = f"http://127.0.0.1:8000/benachrichtigungen/abbestellen/{mailing.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/benachrichtigungen/" in message.body  # the subscriptions page

    # The mail program's POST: no cookie, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    path = url.removeprefix("http://127.0.0.1:8000")
    response = client.get(path)
    assert response.status_code == 200 and Subscription.objects.get().email_enabled
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    search.refresh_from_db()
    assert search.email_enabled is False and search.feed_token  # the search stays

    ProjectFactory()
    send_digests("daily", today="2030-01-01")
    assert len(mail.outbox) == 1
    assert Client().post("/benachrichtigungen/abbestellen/falsch/").status_code == 404


def test_a_failed_send_is_retried_and_sent_once(settings):
    from tests.notifications.flaky_backend import FlakyBackend

    settings.EMAIL_BACKEND = "tests.notifications.flaky_backend.FlakyBackend"
    FlakyBackend.failed = False
    user = member()
    saved_search(user)
    ProjectFactory()
    send_digests("daily")
    assert FlakyBackend.failed  # the first attempt failed …
    assert len(mail.outbox) == 1  # … the retry sent it, once
    assert Mailing.objects.get().sent_at is not None


def test_news_of_a_call_in_a_digest_say_its_deadline_in_berlin_time():
    programme = FundingProgrammeFactory()
    user = member()
    watch(user, programme)
    FundingCallFactory(
        programme=programme,
        deadline=timezone.make_aware(timezone.datetime(2027, 3, 31, 23, 59)),
    )
    send_digests("daily")
    assert "Frist: 31.03.2027" in mail.outbox[0].body
