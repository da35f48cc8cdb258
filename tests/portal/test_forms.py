"""The shared date-and-time field: local times that occur twice or not at all."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from portal.forms import LocalSplitDateTimeField


def clean_error(value) -> list[str]:
    with pytest.raises(ValidationError) as error:
        LocalSplitDateTimeField().clean(value)
    return error.value.messages


def test_the_message_for_a_repeated_local_time_is_translated_to_english():
    with translation.override("en"):
        assert clean_error(["2027-10-31", "02:30"]) == [
            "02:30 occurs twice on Oct. 31, 2027: the clocks go back from 03:00 to 02:00. "
            "Please add the offset from UTC: “02:30 +02:00” for the first time, "
            "“02:30 +01:00” for the second."
        ]


def test_the_field_follows_the_clock_changes_of_the_current_time_zone():
    # RFC 5545's example zone: clocks back from 02:00 EDT to 01:00 EST on 4 November 2007.
    with timezone.override("America/New_York"), translation.override("en"):
        assert clean_error(["2007-11-04", "01:30"]) == [
            "01:30 occurs twice on Nov. 4, 2007: the clocks go back from 02:00 to 01:00. "
            "Please add the offset from UTC: “01:30 -04:00” for the first time, "
            "“01:30 -05:00” for the second."
        ]
        assert LocalSplitDateTimeField().clean(["2007-11-04", "01:30 -05:00"]) == datetime(
            2007, 11, 4, 6, 30, tzinfo=UTC
        )
