"""What the events app adds to other objects' pages: the events held in a municipality or
hosted by it, and the expert circles it belongs to; the same for a district or a
Gemeindeverband, itself and through its members."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cities.models import Association, District, Municipality
from events.models import HOST_FIELDS, Event, ExpertCircle
from portal.examples import example_meta
from portal.related import RelatedItem, RelatedSection

RELATED_LIMIT = 10


def related_sections(obj, *, user) -> list[RelatedSection]:
    if isinstance(obj, District | Association):
        return [
            region_events_section(obj, user=user),
            region_circles_section(obj, user=user),
        ]
    if not isinstance(obj, Municipality):
        return []
    events = list(
        Event.objects.visible_to(user)
        .filter(Q(venue_municipality=obj) | Q(host_municipality=obj))
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
            "host_municipality_id",
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
            title=_("Termine in dieser Kommune und als Gastgeber"),
            items=[
                RelatedItem(
                    title=event.title,
                    url=event.get_absolute_url(),
                    meta=example_meta(
                        formats.date_format(event.first_day, "DATE_FORMAT")
                        + (f" · {_('Gastgeber')}" if event.host_municipality_id == obj.pk else "")
                        + (f" · {_('abgesagt')}" if event.cancelled else ""),
                        event,
                    ),
                )
                for event in events
            ],
            # The list's municipality filter is the venue: hosted events elsewhere are
            # only here.
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
    """The visible upcoming events the district or Gemeindeverband hosts itself, or that a
    body within it hosts or that are held in one of its municipalities."""
    if isinstance(region, District):
        there = (
            Q(host_district=region)
            | Q(host_association__district=region)
            | Q(host_municipality__district=region)
            | Q(venue_municipality__district=region)
        )
    else:
        there = (
            Q(host_association=region)
            | Q(host_municipality__association=region)
            | Q(venue_municipality__association=region)
        )
    events = list(
        Event.objects.visible_to(user)
        .filter(there)
        .upcoming()
        .select_related("venue_municipality", *HOST_FIELDS)
        .only(
            "title",
            "slug",
            "start",
            "end",
            "all_day",
            "start_date",
            "cancelled",
            "venue_municipality__name",
            *(f"{host}__name" for host in HOST_FIELDS),
        )[:RELATED_LIMIT]
    )
    return RelatedSection(
        key="hosted-events",
        title=_("Termine in der Region"),
        items=[
            RelatedItem(
                title=event.title,
                url=event.get_absolute_url(),
                meta=formats.date_format(event.first_day, "DATE_FORMAT")
                + "".join(f" · {place}" for place in event_places(event))
                + (f" · {_('abgesagt')}" if event.cancelled else ""),
            )
            for event in events
        ],
        empty_text=_("Keine kommenden Termine in diesen Gemeinden."),
        order=30,
    )


def event_places(event) -> list[str]:
    """Where an event takes place and who hosts it, each named once."""
    places = []
    if event.venue_municipality_id:
        places.append(event.venue_municipality.name)
    host = event.host
    if host is not None and host.name not in places:
        places.append(_("Gastgeber: %(name)s") % {"name": host.name})
    return places


def region_circles_section(region, *, user) -> RelatedSection:
    """The visible expert circles the district or Gemeindeverband belongs to itself, or one
    of the bodies within it."""
    if isinstance(region, District):
        memberships = [
            ExpertCircle.member_districts.through.objects.filter(district=region),
            ExpertCircle.member_associations.through.objects.filter(association__district=region),
            ExpertCircle.member_municipalities.through.objects.filter(
                municipality__district=region
            ),
        ]
    else:
        memberships = [
            ExpertCircle.member_associations.through.objects.filter(association=region),
            ExpertCircle.member_municipalities.through.objects.filter(
                municipality__association=region
            ),
        ]
    # Each membership through its link table's index; a circle listed once.
    member_of = reduce(or_, (Q(pk__in=links.values("expertcircle_id")) for links in memberships))
    circles = list(
        ExpertCircle.objects.visible_to(user)
        .filter(member_of)
        .only("name", "slug", "is_example")
        .order_by("name")[:RELATED_LIMIT]
    )
    return RelatedSection(
        key="expert-circles",
        title=_("Expertenkreise"),
        items=[
            RelatedItem(
                title=circle.name, url=circle.get_absolute_url(), meta=example_meta("", circle)
            )
            for circle in circles
        ],
        empty_text=_("Weder die Region noch eine ihrer Gemeinden ist in einem Expertenkreis."),
        order=31,
    )
