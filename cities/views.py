import re

from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, TemplateView

from cities.choices import NO_PROFILE_CATEGORY, StrategyStatus
from cities.figures import COVERAGE_THRESHOLDS, atlas_statistics, district_coverage
from cities.filters import MunicipalityFilterSet
from cities.models import Association, DigitalProfile, District, Municipality, RegisterEdition
from portal.registry import project_modules
from portal.related import related_sections
from portal.views import FilteredListView

COMPARE_MIN = 2
COMPARE_MAX = 4


def map_legend() -> list[tuple[str, str]]:
    """Marker categories of the municipality map in legend (and colour) order."""
    return [
        *[(value, str(label)) for value, label in StrategyStatus.choices],
        (NO_PROFILE_CATEGORY, _("Kein Digitalprofil")),
    ]


def visible_profiles(user):
    """The profiles ``user`` may see, with the themes a page shows loaded up front."""
    return DigitalProfile.objects.visible_to(user).prefetch_related(
        "focus_themes", "lighthouse_themes"
    )


class MunicipalityListView(FilteredListView):
    """The register with filters, pagination and a map of the whole filtered set."""

    model = Municipality
    filterset_class = MunicipalityFilterSet
    template_name = "cities/municipality_list.html"

    def get_base_queryset(self):
        return (
            Municipality.objects.select_related("state")
            .with_profile_facts(self.request.user)
            .only("ags", "name", "kind", "population", "state__name", "state__name_en")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(geojson_url=self.api_url("api:municipality-geojson"), legend=map_legend())
        return context


class RegisterBodyDetailView(DetailView):
    """A district's or a Gemeindeverband's page: register data, its member municipalities
    with the strategy status of the profile the visitor may see, and what the other apps
    contribute (projects and events found there)."""

    def members(self):
        """The member municipalities (the current ones first, then the dissolved), each with
        ``visible_strategy_status`` (one query whatever their number)."""
        return (
            self.object.municipalities.with_profile_facts(self.request.user)
            .select_related("association")
            .only(
                "ags",
                "name",
                "kind",
                "population",
                "dissolved_on",
                # The related manager sets each member's district (or association) from
                # its key: without the key column that is a query per member.
                "district_id",
                "association__name",
                "association__key",
            )
            .order_by(F("dissolved_on").asc(nulls_first=True), "name", "ags")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = list(self.members())
        context.update(
            profile=visible_profiles(self.request.user)
            .filter(**{self.context_object_name: self.object})
            .first(),
            members=members,
            current_members=sum(1 for member in members if member.dissolved_on is None),
            profiled_members=sum(
                1 for member in members if member.visible_strategy_status != NO_PROFILE_CATEGORY
            ),
            related_sections=related_sections(self.object, user=self.request.user),
        )
        return context


class DistrictDetailView(RegisterBodyDetailView):
    template_name = "cities/district_detail.html"
    context_object_name = "district"

    def get_object(self, queryset=None):
        return get_object_or_404(
            District.objects.select_related("state", "successor"), key=self.kwargs["key"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["associations"] = list(
            self.object.associations.annotate(
                member_count=Count("municipalities", filter=Q(municipalities__dissolved_on=None))
            ).order_by(F("dissolved_on").asc(nulls_first=True), "name")
        )
        return context


class AssociationDetailView(RegisterBodyDetailView):
    template_name = "cities/association_detail.html"
    context_object_name = "association"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Association.objects.select_related("state", "district", "successor"),
            key=self.kwargs["key"],
        )


class MunicipalityDetailView(DetailView):
    """Register data, the digital profile the visitor may see, a map and related content."""

    template_name = "cities/municipality_detail.html"
    context_object_name = "municipality"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Municipality.objects.select_related("state", "district", "association", "successor"),
            ags=self.kwargs["ags"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.object
        context.update(
            profile=visible_profiles(self.request.user).filter(municipality=municipality).first(),
            related_sections=related_sections(municipality, user=self.request.user),
        )
        return context


class MunicipalityCompareView(TemplateView):
    """Two to four municipalities side by side (``?ags=…&ags=…``)."""

    template_name = "cities/municipality_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # ?ags=…&ags=… from links, or one field with keys separated by spaces or commas.
        requested = list(
            dict.fromkeys(
                key
                for value in self.request.GET.getlist("ags")
                for key in re.split(r"[\s,;]+", value)
                if key
            )
        )
        errors = []
        municipalities = []
        if len(requested) > COMPARE_MAX:
            errors.append(
                _("Bitte höchstens %(max)d Kommunen vergleichen, nicht %(count)d.")
                % {"max": COMPARE_MAX, "count": len(requested)}
            )
        else:
            found = {
                m.ags: m
                for m in Municipality.objects.select_related("state", "district")
                .filter(ags__in=requested)
                .prefetch_related(
                    Prefetch(
                        "profile",
                        queryset=visible_profiles(self.request.user),
                    )
                )
            }
            unknown = [ags for ags in requested if ags not in found]
            if unknown:
                errors.append(
                    _("Unbekannter Gemeindeschlüssel (AGS): %(keys)s.")
                    % {"keys": ", ".join(unknown)}
                )
            municipalities = [found[ags] for ags in requested if ags in found]
            if not unknown and len(municipalities) < COMPARE_MIN:
                errors.append(
                    _("Bitte mindestens %(min)d Kommunen zum Vergleich angeben.")
                    % {"min": COMPARE_MIN}
                )
        columns = [{"municipality": m, "profile": _visible(m)} for m in municipalities]
        context.update(
            errors=errors,
            columns=columns if not errors else [],
            requested=requested,
            min=COMPARE_MIN,
            max=COMPARE_MAX,
        )
        return context


def _visible(municipality):
    """The prefetched visible profile, or None (a reverse one-to-one raises when absent)."""
    try:
        return municipality.profile
    except DigitalProfile.DoesNotExist:
        return None


class AtlasView(TemplateView):
    """The Atlas statistics of the published profiles as charts with data tables."""

    template_name = "cities/atlas.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statistics = atlas_statistics()
        context["statistics"] = statistics
        context["charts"] = [
            _chart("strategy", _("Stand der Digitalstrategie"), statistics.strategy_status),
            _chart(
                "focus",
                _("Schwerpunkte: Anteil der Kommunen, die das Handlungsfeld nennen"),
                statistics.focus_themes,
                share=True,
            ),
            _chart(
                "lighthouse",
                _("Leuchtturmprojekte: Anteil der Kommunen mit Leuchtturmprojekt im Handlungsfeld"),
                statistics.lighthouse_themes,
                share=True,
            ),
            _chart("states", _("Digitalprofile nach Ländern"), statistics.states),
            _chart("size", _("Digitalprofile nach Größenklassen"), statistics.size_classes),
        ]
        # Charts of other apps about the bodies of the register (the network's relations,
        # the Digital-Check's scores), from ``<app>/atlas.py``: bars of figures, or a
        # section the app draws with its own ``template``.
        context["extra_charts"] = [
            chart
            if "template" in chart
            else _chart(chart["key"], chart["title"], chart["figures"], share=chart["share"])
            for module in project_modules("atlas")
            for chart in module.atlas_charts()
        ]
        coverage = district_coverage()
        context.update(
            coverage=coverage,
            coverage_bands=coverage_bands(),
            coverage_map={
                row.key: {"band": row.band, "text": _coverage_text(row)} for row in coverage
            },
        )
        return context


def coverage_bands() -> list[tuple[str, str]]:
    """The legend of the coverage map: (band, label), "none" for districts without data."""
    lower, middle, upper = COVERAGE_THRESHOLDS
    return [
        ("none", _("keine Kommunen im Register")),
        ("0", _("kein Digitalprofil")),
        ("1", _("unter %(upper)d %%") % {"upper": lower}),
        ("2", _("%(lower)d bis unter %(upper)d %%") % {"lower": lower, "upper": middle}),
        ("3", _("%(lower)d bis unter %(upper)d %%") % {"lower": middle, "upper": upper}),
        ("4", _("%(lower)d %% und mehr") % {"lower": upper}),
    ]


def _coverage_text(row) -> str:
    return ngettext(
        "%(name)s: %(profiles)d von %(count)d Kommune mit Digitalprofil (%(percent)s %%)",
        "%(name)s: %(profiles)d von %(count)d Kommunen mit Digitalprofil (%(percent)s %%)",
        row.municipality_count,
    ) % {
        "name": row.name,
        "profiles": row.profile_count,
        "count": row.municipality_count,
        "percent": floatformat(row.percent, -1),
    }


def _chart(key: str, title: str, figures, *, share: bool = False) -> dict:
    """A bar chart: shares are drawn against 100 %, counts against the largest count."""
    maximum = 100 if share else max((figure.count for figure in figures), default=0)
    return {"key": key, "title": title, "figures": figures, "share": share, "maximum": maximum}


class DataSourcesView(TemplateView):
    """Where the portal's data come from, under which licence, with the credits."""

    template_name = "cities/data_sources.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edition"] = RegisterEdition.objects.order_by("-territorial_status").first()
        return context
