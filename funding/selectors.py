"""Reads that combine several rules: which programmes fit a municipality, and why."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cities.choices import SIZE_CLASS_BOUNDS
from funding.choices import OPEN_OR_UPCOMING, FundingLevel
from funding.models import Applicant, FundingProgramme
from portal.models import FederalState, Theme


@dataclass(frozen=True)
class MatchCriteria:
    """What the matcher knows about the applicant: where, how big, who, which themes."""

    state: FederalState | None = None
    population: int | None = None
    size_class: str | None = None
    applicant: Applicant | None = None
    themes: tuple[Theme, ...] = field(default_factory=tuple)


def programmes_matching(*, user, criteria: MatchCriteria, now=None):
    """Open and upcoming programmes (announced, rolling, open, closing soon) the user may see
    that fit the criteria, soonest next deadline first. A queryset: the rules are SQL."""
    queryset = (
        FundingProgramme.objects.visible_to(user)
        .with_status(now)
        .filter(funding_status__in=[str(status) for status in OPEN_OR_UPCOMING])
    )
    if criteria.state is not None:
        queryset = queryset.applies_in_state(criteria.state.code)
    if criteria.applicant is not None:
        queryset = queryset.open_to_applicant(criteria.applicant.slug)
    if criteria.population is not None:
        queryset = queryset.for_population(criteria.population)
    elif criteria.size_class:
        queryset = queryset.for_population_range(*SIZE_CLASS_BOUNDS[criteria.size_class])
    if criteria.themes:
        queryset = queryset.with_any_theme([theme.slug for theme in criteria.themes])
    return queryset.by_next_deadline().prefetch_related(
        Prefetch("states", queryset=FederalState.objects.only("code", "name", "name_en")),
        Prefetch("themes", queryset=Theme.objects.only("slug", "name", "name_en")),
    )


def match_reasons(programme: FundingProgramme, criteria: MatchCriteria) -> list[str]:
    """Why a programme from ``programmes_matching`` fits, from its prefetched relations."""
    reasons = []
    if criteria.state is not None:
        listed = [state.code for state in programme.states.all()]
        if listed:
            reasons.append(_("gilt in %(state)s") % {"state": criteria.state.display_name})
        elif programme.level == FundingLevel.EU:
            reasons.append(_("gilt in der ganzen EU"))
        else:
            reasons.append(_("gilt bundesweit"))
    if criteria.applicant is not None:
        reasons.append(
            _("%(applicant)s sind antragsberechtigt")
            % {"applicant": criteria.applicant.display_name}
        )
    if criteria.themes:
        wanted = {theme.slug for theme in criteria.themes}
        for theme in programme.themes.all():
            if theme.slug in wanted:
                reasons.append(
                    _("passt zu Ihrem Handlungsfeld %(theme)s") % {"theme": theme.display_name}
                )
    has_limits = programme.population_min is not None or programme.population_max is not None
    if has_limits and (criteria.population is not None or criteria.size_class):
        reasons.append(_("Einwohnergrenze erfüllt"))
    return reasons
