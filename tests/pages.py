"""The portal's page types on the demo content: one list for every check that must see each
kind of page (privacy and accessibility in the browser, HTML validity with the test client).
Call these after ``load_demo``."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from bestpractices.models import Project
from cities.models import DigitalProfile
from events.choices import CircleMembershipStatus, CircleRole
from events.models import CircleMembership, Event, ExpertCircle
from events.services import registration_cancel, registration_create
from funding.models import FundingProgramme
from notifications.choices import MailingKind
from notifications.models import Mailing
from portal.choices import PublicationStatus
from tests.events.factories import RegistrationEventFactory
from tests.notifications.factories import member, saved_search, watch


def published(model):
    return model.objects.filter(status=PublicationStatus.PUBLISHED).order_by("pk").first()


def every_page_type() -> list[str]:
    """One address of each kind of public page (the last one answers 404)."""
    profile = published(DigitalProfile)
    return [
        reverse("portal:home"),
        reverse("portal:search") + "?q=Gelsenkirchen",
        reverse("cities:municipality_list"),
        profile.municipality.get_absolute_url(),
        reverse("cities:municipality_compare") + f"?ags={profile.municipality.ags}",
        reverse("cities:atlas"),
        reverse("cities:district_detail", kwargs={"key": "01051"}),
        reverse("cities:association_detail", kwargs={"key": "010515175"}),
        reverse("cities:data_sources"),
        reverse("bestpractices:project_list"),
        published(Project).get_absolute_url(),
        reverse("bestpractices:project_proposal"),
        reverse("events:event_list"),
        published(Event).get_absolute_url(),
        reverse("events:event_month_current"),
        reverse("events:event_archive"),
        reverse("events:circle_list"),
        published(ExpertCircle).get_absolute_url(),
        reverse("funding:programme_list"),
        published(FundingProgramme).get_absolute_url(),
        reverse("funding:deadline_list"),
        reverse("funding:matcher"),
        reverse("network:relation_list"),
        reverse("digitalcheck:start"),
        reverse("digitalcheck:step", args=[1]),
        reverse("digitalcheck:anonymous_result"),
        reverse("portal:imprint"),
        reverse("portal:privacy"),
        reverse("portal:accessibility"),
        reverse("portal:api_partners"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("api:docs"),
        reverse("api:docs_console"),
        "/gibt-es-nicht/",
    ]


def next_month_path() -> str:
    today = timezone.localdate()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return reverse("events:event_month", kwargs={"year": year, "month": month})


def example_event_path() -> str:
    """The page of the demo's next example meeting (dated from the day of the load)."""
    event = Event.objects.filter(is_example=True, end__gt=timezone.now()).order_by("start").first()
    return event.get_absolute_url()


# The states of those pages that a first visit does not show: filtered lists, empty
# results, invalid filters, content labelled as an example. (label, path); "next-month"
# stands for next_month_path(), "example-event" for example_event_path().
PAGE_STATES = [
    ("home with demo content", "/"),
    ("search with hits", "/suche/?q=Gelsenkirchen"),
    ("search without hits", "/suche/?q=Unterwasserstadt"),
    ("municipalities filtered", "/kommunen/?state=05&has_profile=true"),
    ("municipalities empty result", "/kommunen/?q=Unterwasserstadt"),
    ("municipalities invalid filter", "/kommunen/?state=99&size_class=riesig"),
    ("comparison of several", "/kommunen/vergleich/?ags=05513000&ags=05911000&ags=08421000"),
    ("district with its Gemeindeverbände", "/kreise/01051/"),
    ("Gemeindeverband", "/gemeindeverbaende/010515175/"),
    ("municipalities with the dissolved ones", "/kommunen/?include_dissolved=true&q=Alb"),
    ("data sources", "/datenquellen/"),
    ("events filtered", "/termine/?kind=workshop&attendance=online"),
    ("events empty result", "/termine/?q=Unterwasserstadt"),
    ("events invalid dates", "/termine/?date_from=gestern&date_to=31.02.2026"),
    ("month calendar next month", "next-month"),
    ("expert circles filtered", "/expertenkreise/?theme=verwaltung"),
    ("example expert circle with its meetings", "/expertenkreise/expertenkreis-mobilitaet/"),
    ("example event", "example-event"),
    ("expert circles empty result", "/expertenkreise/?q=Unterwasserstadt"),
    ("programmes filtered and sorted", "/foerderprogramme/?level=bund&ordering=title"),
    ("deadlines filtered", "/foerderprogramme/fristen/?status=open"),
    ("example programme with its calls", "/foerderprogramme/beispiel-digitale-daseinsvorsorge/"),
    ("deadlines empty result", "/foerderprogramme/fristen/?programme=gibt-es-nicht"),
    ("deadlines invalid dates", "/foerderprogramme/fristen/?deadline_after=gestern"),
    ("projects sorted by title", "/praxisbeispiele/?ordering=title"),
    ("network filtered by kind", "/netzwerk/?kind=adoption"),
    ("network empty result", "/netzwerk/?state=02"),
    ("network invalid filter", "/netzwerk/?body=123&kind=irgendwas"),
    (
        "matcher with results",
        "/foerderprogramme/passt-zu-meiner-kommune/?municipality=05513000&themes=mobilitaet",
    ),
    ("matcher with suggestions", "/foerderprogramme/passt-zu-meiner-kommune/?municipality=Gel"),
    # The API's answer to a browser: the JSON in a page of the portal.
    ("API page of a list", "/api/v1/themes/?format=api"),
    ("API page of the Atlas figures", "/api/v1/stats/atlas/?format=api"),
]


def page_state_path(path: str) -> str:
    if path == "next-month":
        return next_month_path()
    if path == "example-event":
        return example_event_path()
    return path


def digital_check_of_a_body():
    """A maintainer of Gelsenkirchen with last year's submitted check (strong in some
    dimensions, weak in others) and this year's draft half filled in."""
    from cities.models import Municipality
    from digitalcheck.models import Questionnaire
    from digitalcheck.services import (
        answers_save,
        assessment_draft,
        assessment_submit,
        with_structure,
    )
    from members.choices import MembershipRole, MembershipStatus
    from members.models import Membership

    town = Municipality.objects.get(ags="05513000")
    checker = member("seiten-check")
    Membership.objects.create(
        user=checker,
        municipality=town,
        role=MembershipRole.MAINTAINER,
        status=MembershipStatus.VERIFIED,
    )
    questionnaire = with_structure(Questionnaire.objects).get(pk=Questionnaire.objects.current().pk)
    questions = [q for d in questionnaire.dimensions.all() for q in d.questions.all()]
    year = timezone.localdate().year
    last_year = assessment_draft(body=town, user=checker, year=year - 1)
    answers_save(
        assessment=last_year,
        answers={q.pk: index % 5 for index, q in enumerate(questions)},
        user=checker,
    )
    submitted = assessment_submit(assessment=last_year, user=checker)
    draft = assessment_draft(body=town, user=checker, year=year)
    answers_save(assessment=draft, answers={q.pk: 3 for q in questions[:10]}, user=checker)
    return checker, {"kind": "kommune", "key": town.ags}, submitted


# The event with registration through the portal that private_page_states() adds.
REGISTRATION_EVENT_SLUG = "workshop-mit-anmeldung"


def private_page_states() -> list[tuple[str, str, object]]:
    """The pages behind a sign-in or a secret link from an e-mail, with what they show made
    on top of the demo (which has no registrations, circle members or subscriptions):
    (label, path, the user to sign in or None). Call it once per database."""
    circle = published(ExpertCircle)
    event = RegistrationEventFactory(
        title="Workshop mit Anmeldung", slug=REGISTRATION_EVENT_SLUG, expert_circle=circle
    )
    full = RegistrationEventFactory(title="Ausgebuchter Workshop", slug="ausgebucht", capacity=1)
    attendee, visitor, coordinator, applicant = (
        member(name)
        for name in ["seiten-teilnahme", "seiten-besuch", "seiten-leitung", "seiten-neu"]
    )
    # A member with a verified address gets a seat at once; a guest confirms by e-mail.
    seat = registration_create(
        event=event, user=attendee, name="Kim Teilnahme", email=attendee.email
    )
    registration_create(event=full, user=attendee, name="Kim Teilnahme", email=attendee.email)
    guest = registration_create(event=event, name="Alex Gast", email="gast@example.org")
    gone = registration_create(event=full, name="Sam Weg", email="weg@example.org")
    registration_cancel(registration=gone)
    for user, role, status in [
        (attendee, CircleRole.MEMBER, CircleMembershipStatus.ACCEPTED),
        (coordinator, CircleRole.COORDINATOR, CircleMembershipStatus.ACCEPTED),
        (applicant, CircleRole.MEMBER, CircleMembershipStatus.REQUESTED),
    ]:
        CircleMembership.objects.create(circle=circle, user=user, role=role, status=status)
    search = saved_search(visitor, name="Mobilität", query="theme=mobilitaet")
    watch(visitor, circle, frequency="weekly")
    mailing = Mailing.objects.create(user=visitor, kind=MailingKind.DIGEST, key="daily:seiten")
    mailing.subscriptions.add(search)
    members = reverse("events:circle_members", kwargs={"slug": circle.slug})
    checker, check_path, submitted = digital_check_of_a_body()
    return [
        ("digital check start for a member", reverse("digitalcheck:start"), checker),
        (
            "digital check step of a body",
            reverse("digitalcheck:body_step", kwargs={"step": 2, **check_path}),
            checker,
        ),
        (
            "digital check draft with the submit form",
            reverse("digitalcheck:draft_result", kwargs=check_path),
            checker,
        ),
        ("digital check submitted result", submitted.get_absolute_url(), checker),
        ("event with open registration", event.get_absolute_url(), None),
        ("event with registration, signed in", event.get_absolute_url(), visitor),
        ("event with the visitor registered", event.get_absolute_url(), attendee),
        ("event fully booked", full.get_absolute_url(), None),
        ("registration to confirm", guest.get_confirm_url(), None),
        ("registration confirmed", seat.get_confirm_url(), None),
        ("registration to cancel", seat.get_cancel_url(), None),
        ("registration cancelled", gone.get_cancel_url(), None),
        ("expert circle with the join button", circle.get_absolute_url(), visitor),
        ("expert circle of a member", circle.get_absolute_url(), attendee),
        ("circle members for a member", members, attendee),
        ("circle members for the coordination", members, coordinator),
        ("subscriptions", reverse("notifications:subscription_list"), visitor),
        (
            "save a search",
            reverse("notifications:search_create")
            + "?liste=bestpractices.project&theme=mobilitaet",
            visitor,
        ),
        (
            "follow an expert circle",
            reverse("notifications:watch_create")
            + "?"
            + urlencode({"objekt": f"events.expertcircle:{circle.pk}"}),
            visitor,
        ),
        ("follow a theme", reverse("notifications:watch_create"), visitor),
        (
            "subscription settings",
            reverse("notifications:subscription_update", kwargs={"pk": search.pk}),
            visitor,
        ),
        (
            "delete a subscription",
            reverse("notifications:subscription_delete", kwargs={"pk": search.pk}),
            visitor,
        ),
        (
            "unsubscribe from a digest",
            reverse("notifications:unsubscribe", kwargs={"token": mailing.token}),
            None,
        ),
    ]
