"""Funding that fits a municipality, shown on its page (same rule as the matcher)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import Municipality
from funding.models import Applicant
from funding.selectors import MatchCriteria, programmes_matching
from portal.examples import example_meta
from portal.models import FederalState
from portal.related import RelatedItem, RelatedSection

RELATED_LIMIT = 5


def related_sections(obj, *, user) -> list[RelatedSection]:
    if not isinstance(obj, Municipality):
        return []
    criteria = MatchCriteria(
        state=FederalState(code=obj.state_id),
        population=obj.population,
        applicant=Applicant.objects.filter(slug="kommune").first(),
    )
    programmes = programmes_matching(user=user, criteria=criteria)[:RELATED_LIMIT]
    items = [
        RelatedItem(
            title=programme.title,
            url=programme.get_absolute_url(),
            meta=example_meta(str(programme.funding_body), programme),
        )
        for programme in programmes
    ]
    return [
        RelatedSection(
            key="funding",
            title=_("Passende Förderprogramme"),
            items=items,
            more_url=f"{reverse('funding:matcher')}?{urlencode({'municipality': obj.ags})}",
            empty_text=_("Derzeit ist kein offenes Förderprogramm bekannt, das passt."),
            order=40,
        )
    ]
