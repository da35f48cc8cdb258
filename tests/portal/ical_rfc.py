"""Reading a feed the way RFC 5545 defines it, not the way one parser happens to.

A DATE-TIME with a TZID is resolved through the VTIMEZONE of that TZID shipped in the
same calendar (its observances' DTSTART, RDATE and RRULE with TZOFFSETFROM/TZOFFSETTO),
never through the time zone database by name: a client that trusts the feed's VTIMEZONE
sees what this helper sees.
"""

from datetime import UTC, date, datetime, timedelta

from dateutil.rrule import rrulestr
from icalendar import Calendar

# Observances recurring by RRULE are expanded up to here; the feeds hold nothing later.
RRULE_HORIZON = datetime(2100, 1, 1)


def raw_value(prop) -> tuple[str, str | None]:
    """The property's text as written (``20271031T023000``) and its TZID parameter."""
    return prop.to_ical().decode(), prop.params.get("TZID")


def parse_local(text: str) -> datetime:
    return datetime.strptime(text, "%Y%m%dT%H%M%S")


def observance_onsets(observance) -> list[datetime]:
    """The local onsets of one STANDARD or DAYLIGHT observance (its DTSTART, RDATEs and the
    RRULE's repetitions), as written: local time before the onset (RFC 5545 3.6.5)."""
    start = parse_local(observance["DTSTART"].to_ical().decode())
    onsets = [start]
    rdates = observance.get("RDATE", [])
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        onsets.extend(parse_local(text) for text in rdate.to_ical().decode().split(","))
    if "RRULE" in observance:
        rule = rrulestr(observance["RRULE"].to_ical().decode(), dtstart=start)
        onsets.extend(rule.between(start, RRULE_HORIZON, inc=True))
    return onsets


def transitions(vtimezone) -> list[tuple[datetime, timedelta, timedelta]]:
    """(UTC instant, offset before, offset after) of every change the VTIMEZONE defines:
    the onset is local time at TZOFFSETFROM (RFC 5545 3.6.5, 3.8.3.3)."""
    changes = set()
    for observance in vtimezone.subcomponents:
        before = observance.decoded("TZOFFSETFROM")
        after = observance.decoded("TZOFFSETTO")
        for onset in observance_onsets(observance):
            changes.add(((onset - before).replace(tzinfo=UTC), before, after))
    return sorted(changes)


def offset_at(changes, instant: datetime) -> timedelta:
    offset = changes[0][1]
    for moment, _before, after in changes:
        if moment > instant:
            break
        offset = after
    return offset


def resolve_local(wall: datetime, changes) -> datetime:
    """The UTC instant of a local wall time (RFC 5545 3.3.5): a time that occurs twice is
    the first occurrence; one that does not exist takes the offset before the gap."""
    offsets = {before for _m, before, _a in changes} | {after for _m, _b, after in changes}
    instants = sorted(
        (wall - offset).replace(tzinfo=UTC)
        for offset in offsets
        if offset_at(changes, (wall - offset).replace(tzinfo=UTC)) == offset
    )
    if instants:
        return instants[0]
    # In a gap: the offset in effect just before it.
    earliest = min((wall - offset).replace(tzinfo=UTC) for offset in offsets)
    before = offset_at(changes, earliest - timedelta(seconds=1))
    return (wall - before).replace(tzinfo=UTC)


class Feed:
    """A parsed calendar whose DATE and DATE-TIME properties are read by RFC 5545."""

    def __init__(self, body: bytes):
        self.calendar = Calendar.from_ical(body)
        self.timezones = {
            str(vtimezone["TZID"]): transitions(vtimezone)
            for vtimezone in self.calendar.walk("VTIMEZONE")
        }

    def events(self) -> dict[str, object]:
        return {str(event["UID"]): event for event in self.calendar.walk("VEVENT")}

    def moment(self, component, name: str) -> datetime | date:
        """A DATE as the date; a DATE-TIME as its instant in UTC."""
        prop = component[name]
        text, tzid = raw_value(prop)
        if prop.params.get("VALUE") == "DATE":
            return datetime.strptime(text, "%Y%m%d").date()
        if text.endswith("Z"):
            return parse_local(text[:-1]).replace(tzinfo=UTC)
        assert tzid is not None, f"{name}:{text} is a floating time, the same in every zone"
        assert tzid in self.timezones, f"no VTIMEZONE for TZID={tzid}"
        return resolve_local(parse_local(text), self.timezones[tzid])

    def check(self):
        """What RFC 5545 requires of each VEVENT, beyond parsing (3.6.1, 3.8.2, 3.8.7.2)."""
        for event in self.calendar.walk("VEVENT"):
            uid = str(event.get("UID"))
            assert "UID" in event and "DTSTART" in event, uid
            assert raw_value(event["DTSTAMP"])[0].endswith("Z"), f"{uid}: DTSTAMP not in UTC"
            if "DTEND" in event:
                start, end = self.moment(event, "DTSTART"), self.moment(event, "DTEND")
                assert type(start) is type(end), f"{uid}: DTSTART and DTEND of other types"
                assert end > start, f"{uid}: DTEND {end} is not after DTSTART {start}"
