"""Demo content of the register: the official register of all districts, Gemeindeverbände
and municipalities from the shipped Gemeindeverzeichnis, and digital profiles with only the
facts the source texts give.

Gelsenkirchen's profile follows the two reports on its "Integrierte Strategie der digitalen
Stadt Gelsenkirchen" (June and July 2020). Ulm, Cottbus, Mönchengladbach and Bamberg appear
in short reports of August 2024; their profiles hold just those facts. All five are
kreisfreie Städte (or a Stadtkreis), whose AGS is the district key followed by 000.
"""

from datetime import date

from cities.choices import StrategyStatus
from cities.importers import import_gemeindeverzeichnis
from cities.models import DigitalProfile, Municipality
from portal.choices import PublicationStatus
from portal.models import Theme

PROFILES = [
    {
        "ags": "05513000",  # Gelsenkirchen
        "as_of": date(2020, 7, 1),
        "summary": (
            "Die Vernetzte Stadt Gelsenkirchen hat den Entwurf ihrer „Integrierten Strategie "
            "der digitalen Stadt Gelsenkirchen“ vorgestellt, erarbeitet in einem partizipativen "
            "Prozess mit externen Partner\\*innen und beraten von bee smart city. Fünf "
            "Leitthemen bilden die Grundlage der Vernetzten Stadt bis 2030; als sechstes "
            "Leitthema nennt die Stadt das Open Innovation Lab im ARENA PARK, ein "
            "Leuchtturmprojekt der digitalen Stadtentwicklung. Seit über zehn Jahren baut die "
            "Stadt mit GELSEN-NET ihr Glasfasernetz aus; umgesetzt wurden unter anderem "
            "FreeWiFi und die Smartphone-Bürger-ID."
        ),
        # The draft was to go to the council on 25 June 2020; the sources do not report
        # the decision, so the strategy stays "in development".
        "strategy_status": StrategyStatus.IN_DEVELOPMENT,
        "strategy_title": "Integrierte Strategie der digitalen Stadt Gelsenkirchen",
        "has_organisational_unit": True,
        "organisational_unit_name": "Stabsstelle Vernetzte Stadt",
        "organisational_unit_lead": "Beauftragter für Digitalisierung",
        "has_partner_network": True,
        "partner_network_description": (
            "Die Strategie wurde gemeinsam mit externen Partner*innen erarbeitet."
        ),
        "partners": (
            "bee smart city GmbH, Mülheim an der Ruhr (Beratung zur Strategie)\n"
            "GELSEN-NET, kommunales Unternehmen (Ausbau des Glasfasernetzes)"
        ),
        "citizen_participation": (
            "Die Strategie entstand in einem partizipativen Entscheidungsprozess und soll die "
            "Aktivitäten an die digitalen Bedürfnisse der Menschen anpassen."
        ),
        "focus_themes": ["verwaltung", "energie-umwelt", "gesellschaft", "mobilitaet"],
        "awards_and_networks": (
            "Fellow City der „Digital Cities Challenge“ der Europäischen Kommission\n"
            "Förderprojekt „Umbau 21 – Smart Region“\n"
            "Eine von fünf digitalen Modellkommunen des Landes NRW"
        ),
        "sources": (
            "Bericht „Gelsenkirchen präsentiert Digitalstrategie“, 19.06.2020\n"
            "Bericht „Gelsenkirchen: Integrierte Digitalstrategie“, 01.07.2020"
        ),
    },
    {
        "ags": "08421000",  # Ulm (Stadtkreis)
        "as_of": date(2024, 8, 29),
        "summary": (
            "Die Stadt Ulm hält an ihrem städtischen Chatbot „Ulmer Spatz“ fest und hat einen "
            "Gemeinderatsantrag auf seine Abschaltung abgelehnt."
        ),
        "sources": "Meldung „Ulm: Spatz darf weiter helfen“, 29.08.2024",
    },
    {
        "ags": "12052000",  # Cottbus
        "as_of": date(2024, 8, 28),
        "summary": (
            "Cottbus baut im Rahmen der Modellprojekte Smart Cities eine Datendrehscheibe der "
            "Stadt auf; das Vorhaben besteht aus vier Teilprojekten."
        ),
        "focus_themes": ["datenplattform"],
        "awards_and_networks": "Modellprojekte Smart Cities",
        "sources": "Meldung „Cottbus: Datendrehscheibe der Stadt“, 28.08.2024",
    },
    {
        "ags": "05116000",  # Mönchengladbach
        "as_of": date(2024, 8, 23),
        "summary": (
            "Mönchengladbach entwickelt mit anderen Städten eine Smart-City-App nach dem "
            "Open-Source-Prinzip."
        ),
        "citizen_participation": (
            "Bei einer Veranstaltung wurde die Öffentlichkeit an der Entwicklung der "
            "Smart-City-App beteiligt."
        ),
        "sources": "Meldung „Mönchengladbach: Input für die Stadt-App“, 23.08.2024",
    },
    {
        "ags": "09461000",  # Bamberg
        "as_of": date(2024, 8, 21),
        "summary": (
            "Auf der Plattform der Smart City Bamberg laufen viele Daten zusammen; geeignete "
            "Datensätze stellt die Stadt nach und nach auf einem Open-Data-Portal bereit."
        ),
        "focus_themes": ["datenplattform"],
        "sources": "Meldung „Open Data: Von Bamberg für Bamberg“, 21.08.2024",
    },
]


def load(*, stdout) -> None:
    # The shipped edition: unchanged on a second run, so loading again writes nothing.
    import_gemeindeverzeichnis(stdout=stdout)
    themes = Theme.objects.in_bulk(field_name="slug")
    count = 0
    for entry in PROFILES:
        entry = dict(entry)
        municipality = Municipality.objects.get(ags=entry.pop("ags"))
        focus = [themes[slug] for slug in entry.pop("focus_themes", [])]
        lighthouse = [themes[slug] for slug in entry.pop("lighthouse_themes", [])]
        profile = DigitalProfile.objects.filter(municipality=municipality).first()
        if profile is None:
            profile = DigitalProfile(municipality=municipality)
        for name, value in entry.items():
            setattr(profile, name, value)
        profile.status = PublicationStatus.PUBLISHED
        profile.full_clean()
        profile.save()
        profile.focus_themes.set(focus)
        profile.lighthouse_themes.set(lighthouse)
        count += 1
    stdout.write(f"Kommunen: {count} Digitalprofile")
