"""The lists a member can save a search on: each with its model and its own FilterSet (the
one its page, API, feeds and exports run), so a saved search reads the same filters."""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bestpractices.filters import ProjectFilterSet
from bestpractices.models import Project
from cities.filters import MunicipalityFilterSet
from cities.models import Municipality
from events.filters import EventFilterSet
from events.models import Event
from funding.filters import FundingProgrammeFilterSet
from funding.models import FundingProgramme

# Parameters of a list page that are not filters.
NOT_FILTERS = {"page", "per_page", "format"}


@dataclass(frozen=True)
class SavedList:
    key: str
    model: type
    filterset_class: type
    url_name: str
    label: Promise
    # Only saved searches on programmes can remind of deadlines.
    has_deadlines: bool = False

    def url(self, query: str = "") -> str:
        path = reverse(self.url_name)
        return f"{path}?{query}" if query else path

    def filterset(self, query: str, *, user):
        """The list's FilterSet over what ``user`` may see, bound to the saved filters."""
        return self.filterset_class(
            QueryDict(query), queryset=self.model.objects.visible_to(user), request=None
        )


LISTS = {
    saved.key: saved
    for saved in [
        SavedList(
            "bestpractices.project",
            Project,
            ProjectFilterSet,
            "bestpractices:project_list",
            _("Praxisbeispiele"),
        ),
        SavedList("events.event", Event, EventFilterSet, "events:event_list", _("Termine")),
        SavedList(
            "funding.fundingprogramme",
            FundingProgramme,
            FundingProgrammeFilterSet,
            "funding:programme_list",
            _("Förderprogramme"),
            has_deadlines=True,
        ),
        SavedList(
            "cities.municipality",
            Municipality,
            MunicipalityFilterSet,
            "cities:municipality_list",
            _("Kommunen"),
        ),
    ]
}


def list_for_model(model) -> SavedList | None:
    return LISTS.get(model._meta.label_lower)


def clean_query(query: QueryDict) -> str:
    """The filters of a list page's query string, without the page and the empty fields
    (a form sends every field), in a stable order."""
    pairs = []
    for key in sorted(query):
        if key in NOT_FILTERS:
            continue
        for value in query.getlist(key):
            if value.strip():
                pairs.append((key, value.strip()))
    cleaned = QueryDict(mutable=True)
    for key, value in pairs:
        cleaned.appendlist(key, value)
    return cleaned.urlencode()


def describe_query(saved: SavedList, query: str) -> str:
    """A readable summary of the filters ("Handlungsfeld: Mobilität, Land: Bayern")."""
    filterset = saved.filterset_class(QueryDict(query), queryset=saved.model.objects.none())
    if not filterset.is_bound or not filterset.form.is_valid():
        return ""
    parts = []
    for name, value in filterset.form.cleaned_data.items():
        if name in NOT_FILTERS or value in (None, "", [], ()):
            continue
        if hasattr(value, "exists") and not value.exists():  # an empty choice of objects
            continue
        field = filterset.form.fields[name]
        if hasattr(value, "__iter__") and not isinstance(value, str):
            shown = ", ".join(str(item) for item in value)
        elif getattr(field, "choices", None) and not hasattr(value, "pk"):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts)
