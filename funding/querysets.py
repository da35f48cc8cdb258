from django.db import models
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from funding.choices import NO_CALL_RANK, ProgrammeStatus
from funding.status import call_rank_expression, call_status_expression
from portal.choices import PublicationStatus
from portal.fulltext import match_document, weighted_vector
from portal.querysets import PublishableQuerySet, can_view_unpublished

# The weighted document of a programme (PostgreSQL). Migration 0004 stores exactly this in
# the generated column ``search_document`` with a GIN index; the tests compare the stored
# with the computed one. What is funded is part of what a programme is about; requirements,
# legal basis and contact are left out (boilerplate that would match nearly every query).
PROGRAMME_DOCUMENT = {
    "A": ["title", "short_name"],
    "B": ["summary"],
    "C": ["funding_body", "funded_activities"],
}
# The plain search elsewhere (SQLite): every word somewhere in these fields.
PROGRAMME_SEARCH_FIELDS = ["title", "short_name", "funding_body", "summary"]


def programme_search_vector():
    """The weighted document of a programme, computed (what the stored column holds)."""
    return weighted_vector(PROGRAMME_DOCUMENT)


class FundingProgrammeQuerySet(PublishableQuerySet):
    """Filters for funding programmes; status and next deadline come from their calls."""

    def with_status(self, now=None):
        """Annotate ``funding_status`` (the status of the best-ranked call, or "no_call"),
        ``funding_status_rank`` and ``next_deadline`` (earliest future deadline). Three
        correlated subqueries, no extra queries."""
        if "funding_status" in self.query.annotations:
            return self
        from funding.models import FundingCall

        now = now or timezone.now()
        calls = FundingCall.objects.filter(programme=OuterRef("pk"))
        best_call = calls.annotate(rank=call_rank_expression(now)).order_by("-rank")
        next_deadline = calls.filter(deadline__gt=now).order_by("deadline").values("deadline")[:1]
        # The status is read from the best call itself rather than mapped from its rank in
        # SQL: a CASE over the rank would repeat the rank's subquery once per status.
        return self.annotate(
            funding_status_rank=Coalesce(
                Subquery(best_call.values("rank")[:1], output_field=IntegerField()),
                Value(NO_CALL_RANK),
            ),
            funding_status=Coalesce(
                Subquery(
                    best_call.annotate(status=call_status_expression(now)).values("status")[:1],
                    output_field=models.CharField(),
                ),
                Value(str(ProgrammeStatus.NO_CALL)),
            ),
            next_deadline=Subquery(next_deadline, output_field=models.DateTimeField()),
        )

    def verification_due(self, limit_date):
        """Programmes last verified before ``limit_date`` or never."""
        return self.filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=limit_date))

    def by_next_deadline(self):
        """Soonest next deadline first, programmes without one last."""
        return self.with_status().order_by(F("next_deadline").asc(nulls_last=True), "title")

    def applies_in_state(self, state_code: str):
        """Programmes that list the state, or list no state at all (EU/federal-wide)."""
        from funding.models import FundingProgramme

        through = FundingProgramme.states.through
        lists_state = Exists(
            through.objects.filter(fundingprogramme_id=OuterRef("pk"), federalstate_id=state_code)
        )
        lists_any = Exists(through.objects.filter(fundingprogramme_id=OuterRef("pk")))
        return self.filter(lists_state | ~lists_any)

    def open_to_applicant(self, applicant_slug: str):
        from funding.models import FundingProgramme

        through = FundingProgramme.eligible_applicants.through
        return self.filter(
            Exists(
                through.objects.filter(
                    fundingprogramme_id=OuterRef("pk"), applicant__slug=applicant_slug
                )
            )
        )

    def with_any_theme(self, theme_slugs):
        from funding.models import FundingProgramme

        through = FundingProgramme.themes.through
        return self.filter(
            Exists(
                through.objects.filter(
                    fundingprogramme_id=OuterRef("pk"), theme__slug__in=list(theme_slugs)
                )
            )
        )

    def for_population(self, population: int):
        """Programmes whose population limits (if any) include ``population``."""
        return self.filter(
            Q(population_min__isnull=True) | Q(population_min__lte=population),
            Q(population_max__isnull=True) | Q(population_max__gte=population),
        )

    def for_population_range(self, lower: int, upper: int | None):
        """Programmes whose population limits overlap [lower, upper)."""
        condition = Q(population_max__isnull=True) | Q(population_max__gte=lower)
        if upper is not None:
            condition &= Q(population_min__isnull=True) | Q(population_min__lt=upper)
        return self.filter(condition)

    def search(self, query: str):
        """Programmes matching the web-style ``query`` (phrases, ``-exclusion``, ``OR``), in
        the queryset's order. PostgreSQL: German full-text search with prefixes on the
        stored document; elsewhere every word as a substring of title, short name, funding
        body or summary."""
        return match_document(self, query, fallback_fields=PROGRAMME_SEARCH_FIELDS)


class FundingCallQuerySet(models.QuerySet):
    """Filters for calls; a call is visible when its programme is."""

    def visible_to(self, user):
        from funding.models import FundingProgramme

        if can_view_unpublished(user, FundingProgramme):
            return self
        return self.filter(programme__status=PublicationStatus.PUBLISHED)

    def with_status(self, now=None):
        """Annotate ``call_status`` with the same rule as ``FundingCall.status``."""
        if "call_status" in self.query.annotations:
            return self
        return self.annotate(call_status=call_status_expression(now or timezone.now()))

    def upcoming_deadlines(self, now=None):
        """Calls one can still apply to by a deadline: open or closing soon, deadline ahead,
        soonest first."""
        now = now or timezone.now()
        return (
            self.with_status(now)
            .filter(call_status__in=["open", "closing_soon"], deadline__gt=now)
            .order_by("deadline", "pk")
        )
