"""Synthetic events for benchmarks (``manage.py generate_scale_data``).

Fills the calendar up to the scale's number of events (50,000 nationally): about 40 % in
the past, the rest within the next year and a half, at venues in municipalities of the
register (larger places host more), a share online or hybrid, with themes, a few all-day
and multi-day events, a few cancelled ones and a few drafts. A handful of expert circles
meet in monthly series whose occurrences are events of their own.

Synthetic rows are marked on the reserved domain ``.example``: events by their registration
link, series by their online link, circles by their contact address.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate

from django.utils import timezone
from django.utils.text import slugify

from cities.models import Municipality
from events.choices import EventKind, EventLanguage, Frequency
from events.models import Event, EventSeries, ExpertCircle
from events.querysets import local_midnight
from portal.choices import PublicationStatus
from portal.models import Theme
from tools.scale import (
    SYNTHETIC_TLD,
    SYNTHETIC_URL_SUFFIX,
    batches,
    event_title,
    paragraph,
    place_name,
    synthetic_url,
    text,
)

PAST_SHARE = 0.4
DAYS_BACK = 3 * 365
DAYS_AHEAD = 540
STATUS_WEIGHTS = {
    PublicationStatus.PUBLISHED: 90,
    PublicationStatus.DRAFT: 4,
    PublicationStatus.REVIEW: 2,
    PublicationStatus.ARCHIVED: 4,
}
KIND_WEIGHTS = {
    EventKind.CONFERENCE: 15,
    EventKind.WORKSHOP: 25,
    EventKind.WEBINAR: 30,
    EventKind.TRAINING: 15,
    EventKind.CIRCLE_MEETING: 5,
    EventKind.TRADE_FAIR: 10,
}
ORGANISERS = (
    "Kompetenzzentrum Digitale Städte und Regionen",
    "Städtetag",
    "Landkreistag",
    "Kommunale Spitzenverbände",
    "Hochschule der Region",
    "Kommunales Rechenzentrum",
    "Stadtwerke",
    "Wirtschaftsförderung",
)
VENUES = ("Rathaus", "Stadthalle", "Kongresszentrum", "Technologiezentrum", "Kreishaus")
CIRCLES_PER_SCALE = {"national": 12, "small": 2}
SERIES_PER_CIRCLE = 1
OCCURRENCES = {"national": 24, "small": 4}


def synthetic_events():
    return Event.objects.filter(registration_url__endswith=SYNTHETIC_URL_SUFFIX)


def synthetic_series():
    return EventSeries.objects.filter(online_link__endswith=SYNTHETIC_URL_SUFFIX)


def synthetic_circles():
    return ExpertCircle.objects.filter(contact_email__endswith=SYNTHETIC_TLD)


def generated_count() -> int:
    return synthetic_events().count() + synthetic_circles().count()


def flush(*, stdout) -> None:
    events, _ = synthetic_events().delete()
    synthetic_series().delete()
    circles, _ = synthetic_circles().delete()
    stdout.write(f"Termine: {events} erzeugte gelöscht, Expertenkreise: {circles}")


def generate(*, scale, rng, stdout) -> None:
    needed = scale.events - Event.objects.count()
    if needed <= 0:
        stdout.write(f"Termine: schon {scale.events} da, keine erzeugt")
        return
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    places = list(
        Municipality.objects.order_by("pk").values_list(
            "pk", "name", "latitude", "longitude", "population"
        )
    )
    # Larger places host more events, but not in proportion to their size.
    weights = list(accumulate(max(population or 100, 100) ** 0.7 for *_, population in places))
    today = timezone.localdate()
    circles = make_circles(CIRCLES_PER_SCALE.get(scale.name, 2), themes, places, rng)
    series_events = make_series(circles, places, OCCURRENCES.get(scale.name, 4), today, rng)
    count = insert_events(series_events, themes, rng)
    needed -= count
    total = count + insert_events(
        (single_event(number, places, weights, circles, today, rng) for number in range(needed)),
        themes,
        rng,
    )
    stdout.write(f"Termine: {total} erzeugt ({count} in Serien), Expertenkreise: {len(circles)}")


def insert_events(events, themes, rng) -> int:
    """Insert events in batches, then their themes (one to three each)."""
    through = Event.themes.through
    count = 0
    for batch in batches(events):
        Event.objects.bulk_create(batch)
        slugs = [event.slug for event in batch]
        pks = dict(Event.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        rows = []
        for slug in slugs:
            for theme in rng.sample(themes, rng.randint(1, min(3, len(themes)))) if themes else []:
                rows.append(through(event_id=pks[slug], theme_id=theme))
        through.objects.bulk_create(rows)
        count += len(batch)
    return count


def pick(weights: dict, rng):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_circles(count, themes, places, rng) -> list[ExpertCircle]:
    circles = []
    for number in range(count):
        topic = event_title(rng).split(" ", 1)[1]
        name = f"Expertenkreis {topic} {number + 1}"
        slug = slugify(f"{name}-x")
        circles.append(
            ExpertCircle(
                name=name,
                slug=slug,
                status=PublicationStatus.PUBLISHED,
                published_at=timezone.now(),
                description=text(rng, (1, 2)),
                moderation_organisation=rng.choice(ORGANISERS),
                moderation_role="Geschäftsstelle",
                contact_role="Geschäftsstelle",
                contact_email=f"geschaeftsstelle@{slug}{SYNTHETIC_TLD}",
                member_organisations="\n".join(rng.sample(ORGANISERS, 3)),
            )
        )
    ExpertCircle.objects.bulk_create(circles)
    circles = list(ExpertCircle.objects.filter(slug__in=[c.slug for c in circles]).order_by("pk"))
    theme_rows, member_rows = [], []
    for circle in circles:
        for theme in rng.sample(themes, min(2, len(themes))):
            theme_rows.append(
                ExpertCircle.themes.through(expertcircle_id=circle.pk, theme_id=theme)
            )
        for place in rng.sample(places, min(15, len(places))):
            member_rows.append(
                ExpertCircle.member_municipalities.through(
                    expertcircle_id=circle.pk, municipality_id=place[0]
                )
            )
    ExpertCircle.themes.through.objects.bulk_create(theme_rows)
    ExpertCircle.member_municipalities.through.objects.bulk_create(member_rows)
    return circles


def make_series(circles, places, occurrences, today, rng) -> list[Event]:
    """A monthly online series per circle, half of it past, and its occurrences."""
    events = []
    for circle in circles:
        starts_on = today - timedelta(days=occurrences * 15)
        series = EventSeries.objects.create(
            title=f"Treffen {circle.name}",
            slug=slugify(f"treffen-{circle.slug}"),
            kind=EventKind.CIRCLE_MEETING,
            expert_circle=circle,
            description=paragraph(rng),
            organiser=circle.moderation_organisation,
            online_link=synthetic_url(f"treffen-{circle.slug}"),
            status=PublicationStatus.PUBLISHED,
            frequency=Frequency.MONTHLY,
            weekday=rng.randrange(5),
            starts_on=starts_on,
            start_time=time(10),
            end_time=time(12),
            count=occurrences,
        )
        for number in range(occurrences):
            day = starts_on + timedelta(days=30 * number)
            start = timezone.make_aware(datetime.combine(day, time(10)))
            events.append(
                Event(
                    title=series.title,
                    slug=f"{series.slug}-{day.isoformat()}",
                    kind=EventKind.CIRCLE_MEETING,
                    start=start,
                    end=start + timedelta(hours=2),
                    online_link=series.online_link,
                    organiser=series.organiser,
                    description=series.description,
                    registration_url=series.online_link,
                    expert_circle=circle,
                    series=series,
                    series_occurrence=day,
                    status=PublicationStatus.PUBLISHED,
                    published_at=timezone.now(),
                )
            )
    return events


def single_event(number, places, weights, circles, today, rng) -> Event:
    kind = pick(KIND_WEIGHTS, rng)
    title = event_title(rng)
    if rng.random() < PAST_SHARE:
        day = today - timedelta(days=rng.randint(1, DAYS_BACK))
    else:
        day = today + timedelta(days=rng.randint(0, DAYS_AHEAD))
    online = kind == EventKind.WEBINAR or rng.random() < 0.1
    on_site = not online or rng.random() < 0.3  # some hybrid events
    place = rng.choices(places, cum_weights=weights)[0] if on_site else None
    status = pick(STATUS_WEIGHTS, rng)
    slug = f"{slugify(title)[:150]}-{day.isoformat()}-{number}"
    event = Event(
        title=title,
        slug=slug,
        kind=kind,
        organiser=rng.choice(ORGANISERS),
        description=text(rng, (1, 3)),
        language=EventLanguage.ENGLISH if rng.random() < 0.05 else EventLanguage.GERMAN,
        registration_url=synthetic_url(f"anmeldung-{slug}"),
        status=status,
        published_at=(
            timezone.now()
            if status in {PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED}
            else None
        ),
        cancelled=rng.random() < 0.02,
        expert_circle=rng.choice(circles) if circles and rng.random() < 0.02 else None,
    )
    if kind in {EventKind.CONFERENCE, EventKind.TRADE_FAIR} and rng.random() < 0.5:
        event.all_day = True
        event.start_date = day
        event.end_date = day + timedelta(days=rng.randint(0, 2)) if rng.random() < 0.5 else None
        event.start = local_midnight(day)
        event.end = local_midnight((event.end_date or day) + timedelta(days=1))
    else:
        event.start = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 17))))
        event.end = event.start + timedelta(minutes=rng.choice((60, 90, 120, 180, 240, 480)))
    if place:
        pk, name, latitude, longitude, _ = place
        event.venue_municipality_id = pk
        event.venue_name = f"{rng.choice(VENUES)} {name}"
        event.venue_address = f"{place_name(rng)}straße {rng.randint(1, 120)}, {name}"
        event.latitude, event.longitude = latitude, longitude
    if online:
        event.online_link = synthetic_url(f"online-{slug}")
    if rng.random() < 0.3:
        event.registration_deadline = event.start_date or timezone.localdate(event.start)
        event.registration_deadline -= timedelta(days=rng.randint(1, 14))
    if rng.random() < 0.4:
        event.fee_amount = Decimal(rng.choice((0, 49, 95, 190, 450)))
        event.fee_note = "kostenlos" if event.fee_amount == 0 else ""
    return event
