"""Demo projects with only the facts the source texts give (Kommune21 reports of August 2024
and Gelsenkirchen's digital strategy)."""

from bestpractices.choices import Licence, ProjectPhase
from bestpractices.models import Project
from cities.models import Municipality
from members.choices import RelationKind
from members.demo import example_relation
from portal.choices import PublicationStatus
from portal.models import Theme

# slug: (AGS of the lead municipality, title, summary, themes, lighthouse, licence)
PROJECTS = {
    "gelsenkirchen-freewifi": (
        "05513000",
        "FreeWiFi",
        "Gelsenkirchen hat auf Basis seines eigenen Glasfasernetzes FreeWiFi umgesetzt.",
        ["it-infrastruktur"],
        False,
        "",
    ),
    "gelsenkirchen-smartphone-buerger-id": (
        "05513000",
        "Smartphone-Bürger-ID",
        "Gelsenkirchen hat die Smartphone-Bürger-ID umgesetzt, eines der Projekte der "
        "Vernetzten Stadt.",
        ["verwaltung"],
        False,
        "",
    ),
    "gelsenkirchen-glasfasernetz-gelsen-net": (
        "05513000",
        "Glasfasernetz mit GELSEN-NET",
        "Gelsenkirchen baut gemeinsam mit dem kommunalen Unternehmen GELSEN-NET seit über zehn "
        "Jahren das eigene Glasfasernetz aus.",
        ["it-infrastruktur"],
        False,
        "",
    ),
    "gelsenkirchen-open-innovation-lab-arena-park": (
        "05513000",
        "Open Innovation Lab im ARENA PARK",
        "Das Open Innovation Lab im ARENA PARK ist ein Leuchtturmprojekt der digitalen "
        "Stadtentwicklung und sechstes Leitthema der Gelsenkirchener Digitalstrategie.",
        [],
        True,
        "",
    ),
    "ulm-chatbot-ulmer-spatz": (
        "08421000",
        "Chatbot „Ulmer Spatz“",
        "Die Stadt Ulm hält an ihrem Chatbot „Ulmer Spatz“ fest: Er sei noch nicht perfekt, "
        "werde aber jeden Tag besser.",
        ["verwaltung"],
        False,
        "",
    ),
    "cottbus-datendrehscheibe": (
        "12052000",
        "Datendrehscheibe der Stadt Cottbus",
        "Im Rahmen der Modellprojekte Smart Cities zeigt Cottbus, wie digitale Technologie den "
        "Weg zur vernetzten Stadt ebnen kann; das Vorhaben hat vier Teilprojekte.",
        ["datenplattform"],
        False,
        "",
    ),
    "moenchengladbach-smart-city-app": (
        "05116000",
        "Open-Source-Smart-City-App",
        "Mönchengladbach entwickelt mit anderen Städten eine Smart-City-App nach dem "
        "Open-Source-Prinzip, die über das Stadtgeschehen informieren soll; die Öffentlichkeit "
        "wurde bei einer Veranstaltung beteiligt.",
        ["gesellschaft"],
        False,
        "",
    ),
    "bamberg-open-data-portal": (
        "09461000",
        "Open-Data-Portal der Smart City Bamberg",
        "Auf der Plattform der Smart City Bamberg laufen viele Daten zusammen; geeignete "
        "Datensätze stellt die Stadt nach und nach auf einem Open-Data-Portal bereit.",
        ["datenplattform"],
        False,
        "",
    ),
}
# "umgesetzt" in the texts; every other project is described as ongoing.
COMPLETED = {"gelsenkirchen-freewifi", "gelsenkirchen-smartphone-buerger-id"}
# The Mönchengladbach app is open source, but the texts do not name the licence.
assert all(licence in ("", *Licence.values) for *_rest, licence in PROJECTS.values())


def _municipalities(stdout) -> dict[str, Municipality]:
    needed = {ags for ags, *_rest in PROJECTS.values()}
    found = Municipality.objects.in_bulk(needed, field_name="ags")
    if len(found) < len(needed):
        # The register's demo imports the register first; be safe when run alone.
        from cities.importers import import_gemeindeverzeichnis

        import_gemeindeverzeichnis()
        found = Municipality.objects.in_bulk(needed, field_name="ags")
    return found


def load(*, stdout) -> None:
    municipalities = _municipalities(stdout)
    themes = Theme.objects.in_bulk(field_name="slug")
    for slug, (ags, title, summary, theme_slugs, lighthouse, licence) in PROJECTS.items():
        project, _created = Project.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": summary,
                "lead_municipality": municipalities[ags],
                # What full_clean() below derives (and checks) from the lead.
                "lead_state_id": municipalities[ags].state_id,
                "is_lighthouse": lighthouse,
                "licence": licence,
                "phase": ProjectPhase.COMPLETED if slug in COMPLETED else ProjectPhase.RUNNING,
                "status": PublicationStatus.PUBLISHED,
            },
        )
        project.full_clean()
        project.themes.set([themes[theme_slug] for theme_slug in theme_slugs])
    stdout.write(f"Praxisbeispiele: {len(PROJECTS)}")
    # An example of a solution taken over in the network of municipalities.
    example_relation(
        municipalities["09461000"],
        RelationKind.ADOPTION,
        municipalities["08421000"],
        "Ulm hat Bausteine des Bamberger Open-Data-Portals übernommen.",
        solution=Project.objects.get(slug="bamberg-open-data-portal"),
    )
