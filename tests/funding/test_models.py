"""The derived status at its boundaries, in Python and in SQL, which must agree."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from funding.choices import CallStatus, FundingLevel
from funding.models import FundingCall, FundingProgramme, validate_programme_states
from funding.status import call_status
from tests.funding.factories import FundingCallFactory, FundingProgrammeFactory

BERLIN = ZoneInfo("Europe/Berlin")
MINUTE = timedelta(minutes=1)


def sql_status(call, now):
    return FundingCall.objects.with_status(now).get(pk=call.pk).call_status


# 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
DST_DEADLINES = [
    datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN),
    datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN),
    datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN),
    datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN),
]


@pytest.mark.django_db
@pytest.mark.parametrize("deadline", DST_DEADLINES, ids=str)
def test_status_flips_to_closed_at_the_deadline_minute_in_python_and_sql(deadline):
    call = FundingCallFactory(opens_at=deadline - timedelta(days=60), deadline=deadline)
    before, at, after = deadline - MINUTE, deadline, deadline + MINUTE
    assert call.status_at(before) == CallStatus.CLOSING_SOON
    assert sql_status(call, before) == CallStatus.CLOSING_SOON
    assert call.status_at(at) == CallStatus.CLOSED
    assert sql_status(call, at) == CallStatus.CLOSED
    assert call.status_at(after) == CallStatus.CLOSED
    assert sql_status(call, after) == CallStatus.CLOSED


@pytest.mark.django_db
def test_the_minute_before_a_deadline_is_counted_in_berlin_time_across_the_spring_change():
    # 03:30 CEST on 29 March is 01:30 UTC; one minute earlier is 01:29 UTC (03:29 CEST).
    deadline = datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)
    call = FundingCallFactory(opens_at=deadline - timedelta(days=60), deadline=deadline)
    stored = FundingCall.objects.get(pk=call.pk).deadline
    assert stored == datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("UTC"))
    one_minute_before = datetime(2026, 3, 29, 1, 29, tzinfo=ZoneInfo("UTC"))
    assert call.status_at(one_minute_before) == CallStatus.CLOSING_SOON
    assert sql_status(call, one_minute_before) == CallStatus.CLOSING_SOON


@pytest.mark.django_db
def test_closing_soon_starts_exactly_fourteen_days_before_the_deadline():
    deadline = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)
    call = FundingCallFactory(opens_at=deadline - timedelta(days=60), deadline=deadline)
    exactly = deadline - timedelta(days=14)
    just_before = exactly - MINUTE
    assert call.status_at(exactly) == CallStatus.CLOSING_SOON
    assert sql_status(call, exactly) == CallStatus.CLOSING_SOON
    assert call.status_at(just_before) == CallStatus.OPEN
    assert sql_status(call, just_before) == CallStatus.OPEN


@pytest.mark.django_db
def test_announced_until_the_opening_minute_then_open():
    opens = datetime(2026, 10, 25, 1, 30, tzinfo=BERLIN)
    call = FundingCallFactory(opens_at=opens, deadline=opens + timedelta(days=90))
    assert call.status_at(opens - MINUTE) == sql_status(call, opens - MINUTE) == "announced"
    assert call.status_at(opens) == sql_status(call, opens) == "open"


@pytest.mark.django_db
def test_rolling_call_is_rolling_once_opened_and_announced_before():
    opens = datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)
    call = FundingCallFactory(opens_at=opens, deadline=None, rolling=True)
    assert call.status_at(opens - MINUTE) == sql_status(call, opens - MINUTE) == "announced"
    assert call.status_at(opens + MINUTE) == sql_status(call, opens + MINUTE) == "rolling"


def test_pure_status_function_without_opening_date():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=BERLIN)
    status = call_status(opens_at=None, deadline=now + timedelta(days=40), rolling=False, now=now)
    assert status == CallStatus.OPEN


@pytest.mark.django_db
def test_programme_status_is_the_best_status_of_its_calls_in_python_and_sql():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=BERLIN)
    programme = FundingProgrammeFactory()
    FundingCallFactory(
        programme=programme, opens_at=now - timedelta(days=90), deadline=now - timedelta(days=1)
    )
    FundingCallFactory(
        programme=programme, opens_at=now + timedelta(days=5), deadline=now + timedelta(days=60)
    )
    annotated = FundingProgramme.objects.with_status(now).get(pk=programme.pk)
    assert annotated.funding_status == "announced"
    assert programme.status_from_calls(now) == "announced"
    assert annotated.next_deadline == now + timedelta(days=60)

    FundingCallFactory(
        programme=programme, opens_at=now - timedelta(days=5), deadline=now + timedelta(days=3)
    )
    annotated = FundingProgramme.objects.with_status(now).get(pk=programme.pk)
    assert annotated.funding_status == "closing_soon"
    assert programme.status_from_calls(now) == "closing_soon"
    assert annotated.next_deadline == now + timedelta(days=3)


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["announced", "rolling", "open", "closing_soon", "closed"])
def test_programme_status_in_sql_matches_python_for_every_call_status(status):
    now = datetime(2026, 5, 1, 12, 0, tzinfo=BERLIN)
    dates = {
        "announced": {"opens_at": now + timedelta(days=5), "deadline": now + timedelta(days=60)},
        "rolling": {"opens_at": now - timedelta(days=5), "deadline": None, "rolling": True},
        "open": {"opens_at": now - timedelta(days=5), "deadline": now + timedelta(days=60)},
        "closing_soon": {"opens_at": now - timedelta(days=5), "deadline": now + timedelta(days=3)},
        "closed": {"opens_at": now - timedelta(days=90), "deadline": now - timedelta(days=1)},
    }[status]
    programme = FundingCallFactory(**dates).programme
    annotated = FundingProgramme.objects.with_status(now).get(pk=programme.pk)
    assert annotated.funding_status == programme.status_from_calls(now) == status


def test_programme_status_reads_each_call_subquery_once():
    """Status, its rank and the next deadline: three subqueries over the calls. A status
    mapped from the rank in SQL repeated the rank's subquery once per status."""
    sql = str(FundingProgramme.objects.with_status().query)
    assert sql.count('FROM "funding_fundingcall"') == 3


@pytest.mark.django_db
def test_programme_without_calls_has_no_call_status_and_no_next_deadline():
    programme = FundingProgrammeFactory()
    annotated = FundingProgramme.objects.with_status().get(pk=programme.pk)
    assert annotated.funding_status == "no_call"
    assert annotated.next_deadline is None


@pytest.mark.django_db
def test_deadline_must_follow_opening():
    call = FundingCallFactory.build(
        programme=FundingProgrammeFactory(),
        opens_at=datetime(2026, 5, 2, tzinfo=BERLIN),
        deadline=datetime(2026, 5, 1, tzinfo=BERLIN),
    )
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert "deadline" in error.value.message_dict


@pytest.mark.django_db
def test_rolling_call_has_no_deadline():
    call = FundingCallFactory.build(
        programme=FundingProgrammeFactory(),
        rolling=True,
        deadline=datetime(2026, 5, 1, tzinfo=BERLIN),
    )
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert "deadline" in error.value.message_dict


@pytest.mark.django_db
def test_funding_rate_minimum_must_not_exceed_maximum():
    programme = FundingProgrammeFactory.build(funding_rate_min=80, funding_rate_max=50)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "funding_rate_max" in error.value.message_dict


def test_state_programme_must_name_a_state():
    with pytest.raises(ValidationError):
        validate_programme_states(FundingLevel.STATE, [])
    validate_programme_states(FundingLevel.FEDERAL, [])


@pytest.mark.django_db
def test_a_programme_slug_cannot_hide_a_fixed_page():
    programme = FundingProgrammeFactory.build(slug="fristen")
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "slug" in error.value.message_dict
