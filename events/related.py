"""What the events app adds to other objects' pages: a municipality's hosted events and the
expert circles it belongs to."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cities.models import Association, District, Municipality
from events.models import Event, ExpertCircle
from portal.examples import example_meta
from portal.related import RelatedItem, RelatedSection

RELATED_LIMIT = 10


def related_sections(obj, *, user) -> list[RelatedSection]:
    if isinstance(obj, District | Association):
        return [region_events_section(obj, user=user)]
    if not isinstance(obj, Municipality):
        return []
    events = list(
        Event.objects.visible_to(user)
        .filter(venue_municipality=obj)
        .upcoming()
        .only(
            "title",
            "slug",
            "kind",
            "start",
            "end",
            "all_day",
            "start_date",
            "cancelled",
            "is_example",
        )[:RELATED_LIMIT]
    )
    circles = list(
        ExpertCircle.objects.visible_to(user)
        .filter(member_municipalities=obj)
        .only("name", "slug", "is_example")
        .order_by("name")[:RELATED_LIMIT]
    )
    return [
        RelatedSection(
            key="hosted-events",
            title=_("Termine in dieser Kommune"),
            items=[
                RelatedItem(
                    title=event.title,
                    url=event.get_absolute_url(),
                    meta=example_meta(
                        formats.date_format(event.first_day, "DATE_FORMAT")
                        + (f" · {_('abgesagt')}" if event.cancelled else ""),
                        event,
                    ),
                )
                for event in events
            ],
            more_url=reverse("events:event_list") + f"?municipality={obj.ags}",
            empty_text=_("Keine kommenden Termine in dieser Kommune."),
            order=30,
        ),
        RelatedSection(
            key="expert-circles",
            title=_("Expertenkreise"),
            items=[
                RelatedItem(
                    title=circle.name,
                    url=circle.get_absolute_url(),
                    meta=example_meta("", circle),
                )
                for circle in circles
            ],
            empty_text=_("Die Kommune ist in keinem Expertenkreis Mitglied."),
            order=31,
        ),
    ]


def region_events_section(region, *, user) -> RelatedSection:
    """The visible upcoming events held in a municipality of a district or a
    Gemeindeverband."""
    lookup = "district" if isinstance(region, District) else "association"
    events = list(
        Event.objects.visible_to(user)
        .filter(**{f"venue_municipality__{lookup}": region})
        .upcoming()
        .select_related("venue_municipality")
        .only(
            "title",
            "slug",
            "start",
            "end",
            "all_day",
            "start_date",
            "cancelled",
            "venue_municipality__name",
        )[:RELATED_LIMIT]
    )
    return RelatedSection(
        key="hosted-events",
        title=_("Termine in den Gemeinden"),
        items=[
            RelatedItem(
                title=event.title,
                url=event.get_absolute_url(),
                meta=formats.date_format(event.first_day, "DATE_FORMAT")
                + f" · {event.venue_municipality.name}"
                + (f" · {_('abgesagt')}" if event.cancelled else ""),
            )
            for event in events
        ],
        empty_text=_("Keine kommenden Termine in diesen Gemeinden."),
        order=30,
    )
