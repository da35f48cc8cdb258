"""The first version of the Digital-Check (demo content): eleven dimensions, 30 questions.

Written for the portal from the criteria of the Smart-City-Atlas (strategy, unit, partner
network), the Handlungsfelder and the enablers the centre's proposal names. Each answer is a
maturity level from 0 (nothing yet) to 4 (established and reviewed), described in words."""

SOURCE = (
    "Für das Portal in eigenen Worten formuliert auf Grundlage des Bitkom Smart-City-Atlas 2019 "
    "(Aufnahmekriterien Digitalstrategie, ressortübergreifende Organisationseinheit und lokales "
    "Partnernetzwerk; Themenfelder, Herausforderungen und Handlungsempfehlungen), des Vorschlags "
    "für ein Kompetenzzentrum „Digitale Städte und Regionen“ im Vitako-Branchenticker Nr. 35 vom "
    "7. September 2018 und des 2020 vorgestellten Entwurfs der „Integrierten Strategie der "
    "digitalen Stadt Gelsenkirchen“."
)

DIMENSIONS = [
    {
        "key": "strategie",
        "group": "atlas",
        "theme": None,
        "name": "Digitalstrategie",
        "description": (
            "Misst, ob Ihre Kommune ein gemeinsames, politisch getragenes Ziel für die "
            "Digitalisierung hat und ob daraus konkrete Schritte folgen. Eine Strategie ordnet "
            "Einzelprojekte und kann den Zugang zu Fördermitteln erleichtern."
        ),
        "target": 75,
        "strength": (
            "Ihre Kommune hat eine beschlossene Digitalstrategie mit konkreten Maßnahmen, deren "
            "Umsetzung verfolgt wird – eine gute Grundlage für alle weiteren Schritte."
        ),
        "gap": (
            "Es fehlt noch ein verbindlicher Rahmen für die Digitalisierung; ein erster Schritt "
            "ist ein schlanker Strategieprozess, der mit einer Bestandsaufnahme beginnt und von "
            "der Verwaltungsspitze getragen wird."
        ),
        "questions": [
            {
                "key": "strategie-beschluss",
                "text": (
                    "Hat Ihre Kommune eine Digitalstrategie oder Digitale Agenda, die vom "
                    "Gemeinderat, Stadtrat oder Kreistag beschlossen wurde?"
                ),
                "help": (
                    "Gemeint ist ein Dokument, das über einzelne Projekte hinaus beschreibt, wohin "
                    "sich Ihre Kommune digital entwickeln will; es kann auch Teil eines "
                    "Entwicklungskonzepts sein."
                ),
                "weight": 3,
                "levels": [
                    (
                        "Es gibt keine Digitalstrategie und derzeit auch keine Pläne, eine zu "
                        "erarbeiten."
                    ),
                    (
                        "Eine Digitalstrategie ist angedacht oder angekündigt, die Arbeit daran "
                        "hat aber noch nicht begonnen."
                    ),
                    (
                        "Eine Digitalstrategie wird gerade erarbeitet oder liegt als Entwurf vor, "
                        "ist aber noch nicht beschlossen."
                    ),
                    (
                        "Die politische Vertretung hat eine Digitalstrategie beschlossen, und sie "
                        "ist in der Verwaltung bekannt."
                    ),
                    (
                        "Die beschlossene Strategie ist in Verwaltung und Öffentlichkeit bekannt "
                        "und dient bei jedem neuen Vorhaben erkennbar als Richtschnur."
                    ),
                ],
            },
            {
                "key": "strategie-massnahmen",
                "text": (
                    "Sind aus Ihren Digitalisierungszielen konkrete Maßnahmen mit Zuständigkeiten, "
                    "Zeitplan und Mitteln abgeleitet?"
                ),
                "help": (
                    "Zum Beispiel eine Maßnahmenliste je Handlungsfeld, etwa für Verwaltung, "
                    "Mobilität oder Energie und Umwelt."
                ),
                "weight": 2,
                "levels": [
                    "Es gibt weder Ziele noch Maßnahmen, die über einzelne Projekte hinausgehen.",
                    (
                        "Es gibt allgemeine Ziele oder ein Leitbild, aber noch keine daraus "
                        "abgeleiteten Maßnahmen."
                    ),
                    (
                        "Für einige Handlungsfelder sind Maßnahmen benannt; Zuständigkeiten, "
                        "Zeitplan oder Mittel fehlen aber oft noch."
                    ),
                    (
                        "Für die meisten Handlungsfelder gibt es Maßnahmen mit Zuständigkeit, "
                        "Zeitplan und eingeplanten Mitteln."
                    ),
                    (
                        "Alle Maßnahmen haben Zuständigkeit, Zeitplan und Mittel, sind im Haushalt "
                        "verankert und werden nach Prioritäten gesteuert."
                    ),
                ],
            },
            {
                "key": "strategie-fortschreibung",
                "text": (
                    "Wird verfolgt, wie weit die Strategie umgesetzt ist, und wird sie regelmäßig "
                    "fortgeschrieben?"
                ),
                "help": (
                    "Eine Strategie ist kein Dokument für die Schublade: Sie sollte mit neuen "
                    "Erfahrungen, Aufgaben und Technologien weiterentwickelt werden."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Der Umsetzungsstand wird nicht verfolgt; eine Überprüfung oder "
                        "Fortschreibung ist nicht vorgesehen."
                    ),
                    (
                        "Der Stand wird gelegentlich abgefragt, aber ohne feste Kennzahlen und "
                        "ohne festen Termin."
                    ),
                    (
                        "Es gibt Berichte über den Umsetzungsstand; eine Fortschreibung ist "
                        "geplant, aber noch nicht terminiert."
                    ),
                    (
                        "Der Umsetzungsstand wird regelmäßig anhand von Kennzahlen berichtet, und "
                        "die Fortschreibung ist fest terminiert."
                    ),
                    (
                        "Kennzahlen gehen regelmäßig an Politik und Öffentlichkeit, und die "
                        "Strategie wurde auf dieser Grundlage bereits fortgeschrieben."
                    ),
                ],
            },
        ],
    },
    {
        "key": "organisation",
        "group": "atlas",
        "theme": None,
        "name": "Organisation und Steuerung",
        "description": (
            "Misst, ob es in Ihrer Verwaltung eine Stelle gibt, die die Digitalisierung über "
            "Ämter- und Fachbereichsgrenzen hinweg koordiniert, anstößt und darüber informiert – "
            "mit Rückhalt der Verwaltungsspitze, klarem Auftrag und eigenen Mitteln."
        ),
        "target": 70,
        "strength": (
            "Ihre Kommune hat eine Stelle, die die Digitalisierung ressortübergreifend steuert und "
            "dafür Rückhalt, Auftrag und Mittel hat."
        ),
        "gap": (
            "Die Digitalisierung wird noch vor allem in einzelnen Ämtern vorangetrieben; ein "
            "erster Schritt ist, eine verantwortliche Person mit klarem Auftrag der "
            "Verwaltungsspitze zu benennen."
        ),
        "questions": [
            {
                "key": "organisation-stelle",
                "text": (
                    "Gibt es in Ihrer Verwaltung eine zentrale Stelle, die die Digitalisierung "
                    "ämterübergreifend koordiniert?"
                ),
                "help": (
                    "Das kann eine Stabsstelle, eine oder ein Digitalisierungsbeauftragte(r), ein "
                    "Chief Digital Officer (CDO) oder eine Digitalagentur sein – in kleinen "
                    "Kommunen auch eine Person mit einem Teil ihrer Arbeitszeit."
                ),
                "weight": 3,
                "levels": [
                    (
                        "Niemand ist ausdrücklich für die Digitalisierung der Verwaltung insgesamt "
                        "zuständig."
                    ),
                    (
                        "Eine Person kümmert sich nebenbei darum, ohne formalen Auftrag und ohne "
                        "feste Zeitanteile."
                    ),
                    (
                        "Eine Person oder Stelle ist offiziell benannt, hat aber wenig Zeit dafür "
                        "oder wirkt vor allem in einem Bereich."
                    ),
                    (
                        "Eine Stabsstelle, ein CDO oder eine vergleichbare Stelle koordiniert die "
                        "Digitalisierung für fast alle Bereiche."
                    ),
                    (
                        "Die Stelle koordiniert, stößt an und informiert über alle Bereiche "
                        "hinweg, auch mit kommunalen Unternehmen; ihre Arbeit wird regelmäßig "
                        "ausgewertet."
                    ),
                ],
            },
            {
                "key": "organisation-chefsache",
                "text": (
                    "Ist die Digitalisierung in Ihrer Verwaltung „Chefsache“, also von der "
                    "Verwaltungsspitze ausdrücklich gewollt und unterstützt?"
                ),
                "help": (
                    "Gemeint sind die Bürgermeisterin oder der Bürgermeister, die Landrätin oder "
                    "der Landrat und die Leitungsebene darunter."
                ),
                "weight": 2,
                "levels": [
                    "Die Verwaltungsspitze befasst sich nicht mit dem Thema.",
                    (
                        "Die Verwaltungsspitze äußert sich gelegentlich positiv, ohne daraus "
                        "Aufträge oder Prioritäten abzuleiten."
                    ),
                    (
                        "Die Verwaltungsspitze unterstützt einzelne Vorhaben, die Digitalisierung "
                        "ist aber noch kein erklärter Schwerpunkt."
                    ),
                    (
                        "Die Verwaltungsspitze hat die Digitalisierung zum Schwerpunkt erklärt und "
                        "lässt sich regelmäßig berichten."
                    ),
                    (
                        "Die Verwaltungsspitze steuert sichtbar, setzt Prioritäten, löst Konflikte "
                        "zwischen Ämtern und wirbt nach innen und außen für die Digitalisierung."
                    ),
                ],
            },
            {
                "key": "organisation-budget-mandat",
                "text": (
                    "Hat diese Stelle ein eigenes Budget und einen klaren Auftrag, "
                    "ämterübergreifend zu entscheiden?"
                ),
                "help": (
                    "Der Auftrag regelt zum Beispiel, ob die Stelle Vorhaben priorisieren, "
                    "Standards vorgeben oder bei Beschaffungen mitentscheiden darf."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Es gibt weder ein eigenes Budget noch einen festgelegten Auftrag für die "
                        "Digitalisierung."
                    ),
                    (
                        "Mittel müssen für jedes Vorhaben einzeln bei den Ämtern eingeworben "
                        "werden; Befugnisse sind nicht geregelt."
                    ),
                    (
                        "Es gibt entweder ein kleines eigenes Budget oder einen schriftlichen "
                        "Auftrag, aber nicht beides."
                    ),
                    (
                        "Die Stelle hat ein eigenes Budget und einen schriftlichen Auftrag, der "
                        "die meisten ämterübergreifenden Vorhaben abdeckt."
                    ),
                    (
                        "Budget und Auftrag sind dauerhaft gesichert, passen zu den Aufgaben und "
                        "werden bei Bedarf angepasst."
                    ),
                ],
            },
        ],
    },
    {
        "key": "netzwerk",
        "group": "atlas",
        "theme": None,
        "name": "Lokales Partnernetzwerk",
        "description": (
            "Misst, wie gut Ihre Kommune Wirtschaft, Wissenschaft, Zivilgesellschaft und kommunale "
            "Unternehmen in die Digitalisierung vor Ort einbindet und sich mit anderen Kommunen "
            "austauscht. Viele Vorhaben gelingen nur gemeinsam mit solchen Partnern."
        ),
        "target": 60,
        "strength": (
            "Ihre Kommune arbeitet bei der Digitalisierung verlässlich mit Partnern vor Ort "
            "zusammen und tauscht sich mit anderen Kommunen aus."
        ),
        "gap": (
            "Die Digitalisierung wird bisher vor allem innerhalb der Verwaltung gedacht; ein "
            "erster Schritt ist ein Treffen mit den wichtigsten Partnern vor Ort, etwa "
            "Stadtwerken, Wirtschaft und Vereinen."
        ),
        "questions": [
            {
                "key": "netzwerk-partner",
                "text": (
                    "Arbeitet Ihre Kommune bei der Digitalisierung regelmäßig mit Partnern vor Ort "
                    "zusammen?"
                ),
                "help": (
                    "Zum Beispiel mit kommunalen Unternehmen wie Stadtwerken, mit Hochschulen, "
                    "Unternehmen, Kammern, Vereinen oder Initiativen aus der Bürgerschaft."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Zu Digitalthemen gibt es keine Zusammenarbeit mit Partnern außerhalb der "
                        "Verwaltung."
                    ),
                    "Es gibt vereinzelte Kontakte, die vom Engagement einzelner Personen abhängen.",
                    (
                        "Mit einigen Partnern gibt es gemeinsame Projekte, aber kein festes "
                        "Netzwerk mit regelmäßigen Treffen."
                    ),
                    (
                        "Ein Netzwerk mit Partnern aus Wirtschaft, Wissenschaft, Zivilgesellschaft "
                        "und kommunalen Unternehmen trifft sich regelmäßig."
                    ),
                    (
                        "Das Netzwerk ist fest organisiert und bringt gemeinsame Vorhaben hervor; "
                        "seine Zusammensetzung und Wirkung werden regelmäßig überprüft."
                    ),
                ],
            },
            {
                "key": "netzwerk-austausch",
                "text": (
                    "Tauscht sich Ihre Verwaltung mit anderen Kommunen über Erfahrungen und "
                    "Lösungen aus?"
                ),
                "help": (
                    "Austausch über die eigenen Grenzen hinaus hilft, bewährte Lösungen zu "
                    "übernehmen, statt alles selbst zu entwickeln – etwa in Arbeitskreisen, "
                    "Verbänden oder interkommunalen Kooperationen."
                ),
                "weight": 1,
                "levels": [
                    "Ein Austausch mit anderen Kommunen zu Digitalthemen findet nicht statt.",
                    (
                        "Einzelne Beschäftigte tauschen sich gelegentlich und informell mit "
                        "anderen Kommunen aus."
                    ),
                    (
                        "Ihre Verwaltung nimmt an Veranstaltungen oder Arbeitskreisen teil, die "
                        "Ergebnisse werden aber kaum weitergegeben."
                    ),
                    (
                        "Ihre Verwaltung ist in Netzwerken aktiv und übernimmt gezielt Lösungen "
                        "anderer Kommunen oder gibt eigene weiter."
                    ),
                    (
                        "Ihre Verwaltung entwickelt Lösungen gemeinsam mit anderen Kommunen, teilt "
                        "ihre Erfahrungen aktiv und prüft regelmäßig, was sich übernehmen lässt."
                    ),
                ],
            },
        ],
    },
    {
        "key": "verwaltung",
        "group": "field",
        "theme": "verwaltung",
        "name": "Digitale Verwaltung",
        "description": (
            "Misst, wie weit Bürgerinnen, Bürger und Unternehmen ihre Anliegen online erledigen "
            "können und wie digital die Arbeit dahinter läuft. Die Verwaltung ist das Themenfeld, "
            "das fast alle Städte im Smart-City-Atlas bearbeiten."
        ),
        "target": 60,
        "strength": (
            "Ihre Kommune bietet wichtige Leistungen online an und bearbeitet sie auch intern "
            "weitgehend digital."
        ),
        "gap": (
            "Viele Anliegen laufen noch über Papier oder Termine vor Ort; ein erster Schritt ist, "
            "die am häufigsten nachgefragten Leistungen vollständig digital anzubieten."
        ),
        "questions": [
            {
                "key": "verwaltung-online-dienste",
                "text": (
                    "Können Bürgerinnen, Bürger und Unternehmen die häufigsten Anliegen bei Ihrer "
                    "Verwaltung online beantragen?"
                ),
                "help": (
                    "Denken Sie an die Leistungen, die bei Ihnen am meisten nachgefragt werden, "
                    "zum Beispiel im Meldewesen, bei der Kfz-Zulassung, beim Gewerbe oder bei "
                    "Bauanträgen."
                ),
                "weight": 3,
                "levels": [
                    "Online gibt es nur Informationen und Formulare zum Ausdrucken.",
                    (
                        "Einzelne Leistungen lassen sich online beantragen, meist als einfaches "
                        "Formular ohne Bezahlung oder Rückmeldung."
                    ),
                    (
                        "Ein Teil der häufig nachgefragten Leistungen ist online verfügbar, oft "
                        "noch mit Medienbrüchen wie einer Unterschrift auf Papier."
                    ),
                    (
                        "Die meisten häufig nachgefragten Leistungen sind online verfügbar, wo "
                        "nötig mit Identifizierung und Bezahlung."
                    ),
                    (
                        "Fast alle Leistungen sind online verfügbar; Nutzung und Zufriedenheit "
                        "werden gemessen und die Angebote danach verbessert."
                    ),
                ],
            },
            {
                "key": "verwaltung-e-akte",
                "text": "Arbeitet Ihre Verwaltung mit einer elektronischen Akte (E-Akte)?",
                "help": (
                    "Gemeint ist, dass Vorgänge digital angelegt, bearbeitet und abgelegt werden – "
                    "nicht nur, dass Papier eingescannt wird."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Akten werden auf Papier geführt; digitale Dokumente liegen verstreut auf "
                        "Laufwerken oder in E-Mail-Postfächern."
                    ),
                    (
                        "Die Einführung einer E-Akte wird geprüft, oder einzelne Bereiche scannen "
                        "Dokumente ein."
                    ),
                    "Die E-Akte wird in einzelnen Ämtern oder Pilotbereichen genutzt.",
                    "Die E-Akte wird in den meisten Bereichen der Verwaltung genutzt.",
                    (
                        "Die E-Akte ist überall der Standard, Papier ist die Ausnahme, und die "
                        "Abläufe werden regelmäßig mit den Nutzenden verbessert."
                    ),
                ],
            },
            {
                "key": "verwaltung-ende-zu-ende",
                "text": (
                    "Werden Online-Anträge durchgängig digital bearbeitet, vom Eingang bis zum "
                    "Bescheid?"
                ),
                "help": (
                    "Durchgängig digital heißt: Der Antrag kommt digital an, wird ohne Ausdrucken "
                    "und Abtippen bearbeitet, und der Bescheid geht digital zurück."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Online-Anträge werden ausgedruckt oder abgetippt, und Bescheide gehen per "
                        "Post hinaus."
                    ),
                    (
                        "Bei einzelnen Leistungen werden die Daten aus Online-Anträgen automatisch "
                        "übernommen."
                    ),
                    (
                        "Bei einem Teil der Online-Leistungen läuft die Bearbeitung durchgängig "
                        "digital, bei anderen gibt es noch Medienbrüche."
                    ),
                    (
                        "Bei den meisten Online-Leistungen läuft die Bearbeitung vom Eingang bis "
                        "zum Bescheid ohne Medienbruch."
                    ),
                    (
                        "Durchgängig digitale Abläufe sind der Standard; Bearbeitungszeiten werden "
                        "gemessen und die Abläufe laufend vereinfacht."
                    ),
                ],
            },
        ],
    },
    {
        "key": "mobilitaet",
        "group": "field",
        "theme": "mobilitaet",
        "name": "Mobilität",
        "description": (
            "Misst, ob Ihre Kommune digitale Angebote nutzt, um Wege einfacher und "
            "umweltfreundlicher zu machen, und ob sie Mobilitätsdaten für Planung und Steuerung "
            "einsetzt."
        ),
        "target": 50,
        "strength": (
            "Ihre Kommune setzt digitale Lösungen gezielt für eine bessere Mobilität vor Ort ein "
            "und arbeitet dafür mit den Verkehrsakteuren zusammen."
        ),
        "gap": (
            "Digitale Mobilitätsangebote gibt es noch kaum; ein erster Schritt ist, mit dem "
            "örtlichen Nahverkehr zu klären, welche Informationen sich schon heute digital "
            "bereitstellen lassen."
        ),
        "questions": [
            {
                "key": "mobilitaet-angebote",
                "text": (
                    "Gibt es in Ihrer Kommune digitale Mobilitätsangebote für die Menschen vor Ort?"
                ),
                "help": (
                    "Zum Beispiel Fahrgastinformationen in Echtzeit, digitale Tickets, Rufbusse "
                    "per App, Sharing-Angebote oder Parkinformationen – oft gemeinsam mit "
                    "Verkehrsunternehmen oder Verbünden."
                ),
                "weight": 2,
                "levels": [
                    "Es gibt keine digitalen Mobilitätsangebote, auch nicht über Partner.",
                    (
                        "Es gibt einzelne Angebote von Dritten, die Ihre Kommune aber nicht "
                        "mitgestaltet."
                    ),
                    (
                        "Ihre Kommune hat mit Partnern erste Angebote eingeführt, etwa "
                        "Echtzeitinformationen oder ein Pilotprojekt."
                    ),
                    "Mehrere digitale Angebote sind im Regelbetrieb und aufeinander abgestimmt.",
                    (
                        "Die Angebote sind Teil eines Mobilitätskonzepts; ihre Nutzung wird "
                        "ausgewertet, und sie werden danach weiterentwickelt."
                    ),
                ],
            },
            {
                "key": "mobilitaet-daten",
                "text": (
                    "Nutzt Ihre Kommune Verkehrs- und Mobilitätsdaten für Planung und Steuerung?"
                ),
                "help": (
                    "Zum Beispiel Verkehrszählungen, die Auslastung von Parkplätzen oder "
                    "Ladesäulen oder Daten von Verkehrsunternehmen."
                ),
                "weight": 1,
                "levels": [
                    "Verkehrsdaten werden nicht oder nur auf Papier erhoben.",
                    (
                        "Es gibt einzelne Datenerhebungen, etwa für ein Gutachten, die danach "
                        "nicht weiter genutzt werden."
                    ),
                    "Einige Daten werden digital erhoben und für einzelne Planungen genutzt.",
                    (
                        "Die wichtigsten Mobilitätsdaten liegen laufend digital vor und fließen "
                        "regelmäßig in Planung und Steuerung ein."
                    ),
                    (
                        "Mobilitätsdaten werden laufend genutzt, mit Partnern geteilt und, wo "
                        "möglich, als offene Daten veröffentlicht."
                    ),
                ],
            },
        ],
    },
    {
        "key": "energie-umwelt",
        "group": "field",
        "theme": "energie-umwelt",
        "name": "Energie und Umwelt",
        "description": (
            "Misst, ob Ihre Kommune digitale Werkzeuge einsetzt, um Energie zu sparen, Klima und "
            "Umwelt zu schützen und sich auf Umweltrisiken vorzubereiten."
        ),
        "target": 50,
        "strength": (
            "Ihre Kommune setzt digitale Lösungen gezielt für Energie, Klima- und Umweltschutz ein "
            "und misst deren Wirkung."
        ),
        "gap": (
            "Digitale Lösungen spielen für Energie und Umwelt noch kaum eine Rolle; ein erster "
            "Schritt ist, den Energieverbrauch der eigenen Gebäude digital zu erfassen."
        ),
        "questions": [
            {
                "key": "energie-umwelt-verbrauch",
                "text": (
                    "Erfasst Ihre Verwaltung den Energieverbrauch ihrer eigenen Gebäude und "
                    "Anlagen digital?"
                ),
                "help": (
                    "Zum Beispiel mit digital auslesbaren Zählern oder einem Energiemanagement für "
                    "Schulen, Verwaltungsgebäude oder Straßenbeleuchtung."
                ),
                "weight": 2,
                "levels": [
                    "Der Verbrauch ist nur aus den jährlichen Abrechnungen bekannt.",
                    (
                        "Für einzelne Gebäude werden Zählerstände regelmäßig von Hand erfasst und "
                        "ausgewertet."
                    ),
                    (
                        "Ein Teil der Gebäude und Anlagen ist mit digital auslesbaren Zählern oder "
                        "einem Energiemanagement erfasst."
                    ),
                    (
                        "Die meisten Gebäude und Anlagen sind digital erfasst; Auffälligkeiten "
                        "werden erkannt und behoben."
                    ),
                    (
                        "Alle wesentlichen Verbräuche werden laufend digital erfasst; Einsparziele "
                        "werden gemessen und Maßnahmen danach gesteuert."
                    ),
                ],
            },
            {
                "key": "energie-umwelt-daten",
                "text": (
                    "Nutzt Ihre Kommune digitale Umweltdaten, etwa zu Luft, Wasser, Hitze oder "
                    "Starkregen?"
                ),
                "help": (
                    "Zum Beispiel eigene Messstationen oder Sensoren, Pegel- und Wetterdaten oder "
                    "Daten von Land und Bund für Klimaanpassung und Vorsorge."
                ),
                "weight": 1,
                "levels": [
                    "Umweltdaten werden in Ihrer Kommune nicht genutzt.",
                    (
                        "Einzelne Umweltdaten werden für bestimmte Anlässe beschafft, etwa für ein "
                        "Gutachten."
                    ),
                    (
                        "Einige Umweltdaten liegen laufend vor, etwa aus einem Pilotprojekt mit "
                        "Sensoren, und werden in einzelnen Bereichen genutzt."
                    ),
                    (
                        "Die wichtigsten Umweltdaten liegen laufend vor und werden für Planung, "
                        "Klimaanpassung oder Warnungen genutzt."
                    ),
                    (
                        "Umweltdaten fließen systematisch in Entscheidungen ein, werden "
                        "veröffentlicht, und ihr Nutzen wird regelmäßig überprüft."
                    ),
                ],
            },
        ],
    },
    {
        "key": "datenplattform",
        "group": "enabler",
        "theme": "datenplattform",
        "name": "Daten und Datenplattform",
        "description": (
            "Misst, ob Ihre Kommune ihre Daten kennt, verantwortlich verwaltet, auf einer "
            "Plattform zusammenführt und geeignete Daten offen teilt. Daten sind die Grundlage "
            "vieler digitaler Angebote in allen Handlungsfeldern."
        ),
        "target": 55,
        "strength": (
            "Ihre Kommune verwaltet ihre Daten geordnet, führt sie auf einer Plattform zusammen "
            "und stellt geeignete Daten offen bereit."
        ),
        "gap": (
            "Daten liegen noch verstreut in einzelnen Fachverfahren; ein erster Schritt ist eine "
            "Übersicht, welche Daten es in Ihrer Verwaltung gibt und wer für sie verantwortlich "
            "ist."
        ),
        "questions": [
            {
                "key": "datenplattform-datenmanagement",
                "text": (
                    "Weiß Ihre Verwaltung, welche Daten sie hat, und ist geregelt, wer für welche "
                    "Daten verantwortlich ist?"
                ),
                "help": (
                    "Zum Beispiel eine Übersicht über die Datenbestände mit Verantwortlichen, "
                    "Aktualität und Nutzungsrechten."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Es gibt keine Übersicht über die Datenbestände, und Zuständigkeiten für "
                        "Daten sind nicht geregelt."
                    ),
                    (
                        "Einzelne Ämter kennen ihre eigenen Daten, eine gemeinsame Übersicht gibt "
                        "es nicht."
                    ),
                    (
                        "Eine Übersicht über die Datenbestände wird aufgebaut oder liegt für einen "
                        "Teil der Verwaltung vor."
                    ),
                    (
                        "Für die meisten Datenbestände sind Inhalt, Verantwortliche und "
                        "Nutzungsrechte dokumentiert."
                    ),
                    (
                        "Die Übersicht ist vollständig und aktuell; Regeln für den Umgang mit "
                        "Daten sind verbindlich, und ihre Einhaltung wird überprüft."
                    ),
                ],
            },
            {
                "key": "datenplattform-plattform",
                "text": (
                    "Gibt es eine Datenplattform, auf der Daten aus verschiedenen Quellen "
                    "zusammengeführt und genutzt werden?"
                ),
                "help": (
                    "Eine urbane Datenplattform bündelt zum Beispiel Daten aus Fachverfahren, "
                    "Sensoren und kommunalen Unternehmen; sie kann auch gemeinsam mit anderen "
                    "Kommunen betrieben werden."
                ),
                "weight": 2,
                "levels": [
                    "Es gibt keine Datenplattform, und eine ist auch nicht geplant.",
                    (
                        "Eine Datenplattform wird diskutiert, oder es gibt erste Überlegungen zu "
                        "den Anforderungen."
                    ),
                    (
                        "Eine Plattform ist im Aufbau oder als Pilot in Betrieb und enthält Daten "
                        "aus wenigen Quellen."
                    ),
                    (
                        "Eine Plattform ist im Regelbetrieb und führt Daten aus den meisten "
                        "wichtigen Quellen für mehrere Anwendungen zusammen."
                    ),
                    (
                        "Die Plattform ist dauerhaft im Betrieb verankert, setzt auf offene "
                        "Standards, und ihr Nutzen wird regelmäßig ausgewertet."
                    ),
                ],
            },
            {
                "key": "datenplattform-offene-daten",
                "text": "Veröffentlicht Ihre Kommune geeignete Daten als offene Daten (Open Data)?",
                "help": (
                    "Offene Daten sind maschinenlesbar und frei nutzbar, zum Beispiel "
                    "Haushaltsdaten oder Standorte öffentlicher Einrichtungen; personenbezogene "
                    "Daten gehören nicht dazu."
                ),
                "weight": 1,
                "levels": [
                    "Es werden keine offenen Daten veröffentlicht.",
                    (
                        "Einzelne Daten stehen online, aber nicht maschinenlesbar oder ohne klare "
                        "Nutzungsbedingungen."
                    ),
                    (
                        "Einige Datensätze sind maschinenlesbar und mit offener Lizenz "
                        "veröffentlicht, meist auf Initiative einzelner Ämter."
                    ),
                    (
                        "Viele Datensätze werden nach festen Regeln über ein Portal bereitgestellt "
                        "und regelmäßig aktualisiert."
                    ),
                    (
                        "Offene Daten sind der Normalfall; ihre Nutzung wird beobachtet, und "
                        "Wünsche nach neuen Datensätzen werden geprüft."
                    ),
                ],
            },
        ],
    },
    {
        "key": "it-sicherheit",
        "group": "enabler",
        "theme": "sicherheit",
        "name": "Informationssicherheit",
        "description": (
            "Misst, ob Ihre Verwaltung ihre Informationen und IT-Systeme planvoll schützt und auf "
            "einen Ausfall oder Angriff vorbereitet ist. Je mehr Leistungen digital laufen, desto "
            "wichtiger wird das."
        ),
        "target": 75,
        "strength": (
            "Ihre Verwaltung steuert die Informationssicherheit planvoll, ist auf Notfälle "
            "vorbereitet und schult ihre Beschäftigten regelmäßig."
        ),
        "gap": (
            "Die Informationssicherheit ist noch nicht ausreichend geregelt; ein erster Schritt "
            "ist, eine zuständige Person zu benennen und die wichtigsten Systeme und Risiken zu "
            "erfassen."
        ),
        "questions": [
            {
                "key": "it-sicherheit-isms",
                "text": (
                    "Gibt es in Ihrer Verwaltung ein geregeltes Management der "
                    "Informationssicherheit (ISMS)?"
                ),
                "help": (
                    "Dazu gehören eine Leitlinie der Verwaltungsspitze, eine zuständige Person für "
                    "Informationssicherheit und ein Sicherheitskonzept nach einem anerkannten "
                    "Standard, etwa dem IT-Grundschutz des BSI."
                ),
                "weight": 3,
                "levels": [
                    (
                        "Informationssicherheit ist nicht geregelt; niemand ist ausdrücklich dafür "
                        "zuständig."
                    ),
                    (
                        "Die IT kümmert sich um technische Schutzmaßnahmen, es gibt aber weder "
                        "Leitlinie noch zuständige Person."
                    ),
                    (
                        "Eine zuständige Person ist benannt; ein Sicherheitskonzept ist in Arbeit "
                        "oder deckt nur Teile der Verwaltung ab."
                    ),
                    (
                        "Leitlinie, zuständige Person und ein Sicherheitskonzept für die meisten "
                        "Bereiche sind vorhanden und werden umgesetzt."
                    ),
                    (
                        "Das Sicherheitsmanagement folgt einem anerkannten Standard, wird "
                        "regelmäßig geprüft, und Mängel werden nachverfolgt."
                    ),
                ],
            },
            {
                "key": "it-sicherheit-notfall",
                "text": (
                    "Ist Ihre Verwaltung auf einen IT-Ausfall oder einen Cyberangriff vorbereitet?"
                ),
                "help": (
                    "Zum Beispiel mit einem Notfallplan, getesteten Datensicherungen, geklärten "
                    "Meldewegen und einer Liste der Leistungen, die zuerst wieder laufen müssen."
                ),
                "weight": 3,
                "levels": [
                    (
                        "Es gibt keinen Notfallplan, und ob sich die Datensicherungen "
                        "wiederherstellen lassen, wurde nie geprüft."
                    ),
                    (
                        "Es gibt Datensicherungen, aber keinen Notfallplan und keine geklärten "
                        "Zuständigkeiten für den Ernstfall."
                    ),
                    "Ein Notfallplan ist in Arbeit oder liegt vor, wurde aber noch nicht geübt.",
                    (
                        "Ein Notfallplan liegt vor, Datensicherungen werden regelmäßig getestet, "
                        "und die Zuständigkeiten im Ernstfall sind bekannt."
                    ),
                    (
                        "Der Notfall wird regelmäßig geübt, die Erfahrungen fließen in den Plan "
                        "ein, und externe Unterstützung ist vorab vereinbart."
                    ),
                ],
            },
            {
                "key": "it-sicherheit-schulung",
                "text": (
                    "Werden die Beschäftigten regelmäßig zu Informationssicherheit und Datenschutz "
                    "geschult?"
                ),
                "help": (
                    "Angriffe beginnen häufig mit einer gefälschten E-Mail oder einem Anruf; "
                    "geschulte Beschäftigte erkennen solche Versuche eher."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Es gibt keine Schulungen oder Hinweise zu Informationssicherheit und "
                        "Datenschutz."
                    ),
                    (
                        "Es gibt gelegentliche Hinweise per E-Mail oder Rundschreiben, aber keine "
                        "Schulungen."
                    ),
                    (
                        "Schulungen werden angeboten, aber nur ein Teil der Beschäftigten nimmt "
                        "daran teil."
                    ),
                    (
                        "Die meisten Beschäftigten werden regelmäßig geschult, neue Beschäftigte "
                        "gleich zu Beginn."
                    ),
                    (
                        "Alle Beschäftigten werden regelmäßig geschult; der Erfolg wird überprüft, "
                        "etwa mit Übungen, und die Inhalte werden angepasst."
                    ),
                ],
            },
        ],
    },
    {
        "key": "qualifizierung",
        "group": "enabler",
        "theme": None,
        "name": "Digitale Kompetenzen",
        "description": (
            "Misst, ob die Beschäftigten Ihrer Verwaltung die Fähigkeiten für die digitale Arbeit "
            "haben und ob diese gezielt weiterentwickelt werden. Die Städte im Smart-City-Atlas "
            "nennen die Qualifizierung als eine ihrer größten Herausforderungen."
        ),
        "target": 60,
        "strength": (
            "Ihre Verwaltung entwickelt die digitalen Kompetenzen ihrer Beschäftigten planvoll "
            "weiter und nimmt sie bei Veränderungen mit."
        ),
        "gap": (
            "Digitale Kompetenzen werden noch nicht gezielt aufgebaut; ein erster Schritt ist, mit "
            "den Ämtern zu klären, welche Fähigkeiten für die anstehenden Vorhaben fehlen."
        ),
        "questions": [
            {
                "key": "qualifizierung-bedarf",
                "text": (
                    "Weiß Ihre Verwaltung, welche digitalen Kompetenzen ihren Beschäftigten fehlen?"
                ),
                "help": (
                    "Zum Beispiel aus Befragungen, Mitarbeitergesprächen oder einem Abgleich mit "
                    "den Fähigkeiten, die geplante Vorhaben verlangen."
                ),
                "weight": 2,
                "levels": [
                    "Der Bedarf an digitalen Kompetenzen wurde noch nie erhoben.",
                    (
                        "Einzelne Führungskräfte haben eine Vorstellung vom Bedarf, sie wird aber "
                        "nicht zusammengetragen."
                    ),
                    "Der Bedarf wurde einmal oder für einzelne Bereiche erhoben.",
                    (
                        "Der Bedarf wird für die meisten Bereiche regelmäßig erhoben und mit den "
                        "geplanten Vorhaben abgeglichen."
                    ),
                    (
                        "Der Bedarf wird regelmäßig für alle Bereiche erhoben und fließt in die "
                        "Personalentwicklung ein; Fortschritte werden gemessen."
                    ),
                ],
            },
            {
                "key": "qualifizierung-fortbildung",
                "text": (
                    "Gibt es passende Fortbildungen zu digitalen Themen, und können die "
                    "Beschäftigten sie während der Arbeitszeit nutzen?"
                ),
                "help": (
                    "Das können eigene Schulungen, Angebote von Studieninstituten oder Akademien, "
                    "Online-Kurse oder das Lernen voneinander sein."
                ),
                "weight": 3,
                "levels": [
                    "Es gibt keine Fortbildungen zu digitalen Themen.",
                    (
                        "Einzelne Beschäftigte besuchen aus eigener Initiative Fortbildungen zu "
                        "digitalen Themen."
                    ),
                    (
                        "Es gibt Fortbildungen zu einzelnen Programmen oder Verfahren, meist bei "
                        "deren Einführung."
                    ),
                    (
                        "Ein Fortbildungsprogramm zu digitalen Themen steht allen Beschäftigten "
                        "offen und wird von den meisten genutzt."
                    ),
                    (
                        "Das Programm ist fester Teil der Personalentwicklung; Teilnahme und "
                        "Nutzen werden ausgewertet und das Angebot angepasst."
                    ),
                ],
            },
            {
                "key": "qualifizierung-mitgestaltung",
                "text": (
                    "Werden die Beschäftigten an der Gestaltung digitaler Veränderungen beteiligt?"
                ),
                "help": (
                    "Wer neue Abläufe mitgestaltet, nimmt sie eher an; dazu gehört auch, die "
                    "Personalvertretung früh einzubinden."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Neue Verfahren werden eingeführt, ohne die Beschäftigten vorher "
                        "einzubeziehen."
                    ),
                    (
                        "Die Beschäftigten werden über Veränderungen informiert, können aber kaum "
                        "mitwirken."
                    ),
                    (
                        "Bei einzelnen Vorhaben werden Beschäftigte und Personalvertretung früh "
                        "eingebunden und können Rückmeldung geben."
                    ),
                    (
                        "Bei den meisten Vorhaben gestalten die Beschäftigten die neuen Abläufe "
                        "mit, und die Personalvertretung ist von Beginn an beteiligt."
                    ),
                    (
                        "Beteiligung ist bei allen Vorhaben üblich; Rückmeldungen der "
                        "Beschäftigten werden regelmäßig eingeholt und umgesetzt."
                    ),
                ],
            },
        ],
    },
    {
        "key": "beteiligung",
        "group": "enabler",
        "theme": None,
        "name": "Beteiligung und Kommunikation",
        "description": (
            "Misst, ob Ihre Kommune die Menschen vor Ort in die Digitalisierung einbezieht, "
            "verständlich darüber informiert und darauf achtet, dass niemand abgehängt wird. "
            "Digitale Teilhabe nennen die Städte im Smart-City-Atlas als eine ihrer größten "
            "Herausforderungen."
        ),
        "target": 55,
        "strength": (
            "Ihre Kommune bezieht die Menschen vor Ort in die Digitalisierung ein und sorgt dafür, "
            "dass alle daran teilhaben können."
        ),
        "gap": (
            "Die Menschen vor Ort sind in die Digitalisierung noch wenig eingebunden; ein erster "
            "Schritt ist, bei einem konkreten Vorhaben die künftigen Nutzerinnen und Nutzer früh "
            "zu fragen."
        ),
        "questions": [
            {
                "key": "beteiligung-buergerschaft",
                "text": (
                    "Bezieht Ihre Kommune Bürgerinnen und Bürger in die Planung digitaler Vorhaben "
                    "ein?"
                ),
                "help": (
                    "Zum Beispiel durch Befragungen, Workshops, Tests neuer Angebote mit künftigen "
                    "Nutzerinnen und Nutzern oder eine Online-Beteiligung."
                ),
                "weight": 2,
                "levels": [
                    "Bürgerinnen und Bürger werden bei digitalen Vorhaben nicht beteiligt.",
                    (
                        "Es gab einzelne Befragungen oder Veranstaltungen, ohne dass erkennbar "
                        "wurde, was aus den Ergebnissen folgt."
                    ),
                    (
                        "Bei einigen Vorhaben werden Bürgerinnen und Bürger beteiligt, und die "
                        "Ergebnisse fließen ein."
                    ),
                    (
                        "Bei den meisten wichtigen Vorhaben ist Beteiligung fest eingeplant, und "
                        "die Ergebnisse werden zurückgemeldet."
                    ),
                    (
                        "Beteiligung ist verbindlich geregelt, erreicht auch schwer erreichbare "
                        "Gruppen und wird regelmäßig ausgewertet und verbessert."
                    ),
                ],
            },
            {
                "key": "beteiligung-teilhabe",
                "text": (
                    "Sorgt Ihre Kommune dafür, dass auch Menschen mit wenig digitaler Erfahrung "
                    "die digitalen Angebote nutzen können?"
                ),
                "help": (
                    "Zum Beispiel durch barrierefreie Angebote, Hilfe vor Ort, Kurse in "
                    "Bibliotheken oder Volkshochschulen und einen Weg ohne Internet, der erhalten "
                    "bleibt."
                ),
                "weight": 2,
                "levels": [
                    "Digitale Teilhabe wird bei der Planung digitaler Angebote nicht bedacht.",
                    (
                        "Es gibt einzelne Hilfsangebote, meist von Vereinen oder Ehrenamtlichen "
                        "und ohne Abstimmung mit der Verwaltung."
                    ),
                    (
                        "Ihre Kommune bietet selbst oder mit Partnern Hilfe an; die "
                        "Barrierefreiheit neuer Angebote wird teilweise geprüft."
                    ),
                    (
                        "Hilfe beim Umgang mit digitalen Angeboten ist gut erreichbar, und neue "
                        "Angebote werden auf Barrierefreiheit geprüft."
                    ),
                    (
                        "Digitale Teilhabe ist Teil der Strategie; Angebote werden mit Betroffenen "
                        "getestet, und ihre Reichweite wird regelmäßig überprüft."
                    ),
                ],
            },
            {
                "key": "beteiligung-kommunikation",
                "text": (
                    "Informiert Ihre Kommune regelmäßig und verständlich über ihre "
                    "Digitalisierungsvorhaben?"
                ),
                "help": (
                    "Zum Beispiel auf der Internetseite, im Amtsblatt, in sozialen Medien oder bei "
                    "Veranstaltungen – nach außen wie nach innen."
                ),
                "weight": 1,
                "levels": [
                    "Über Digitalisierungsvorhaben wird nicht informiert.",
                    (
                        "Über einzelne Vorhaben wird bei Gelegenheit berichtet, etwa zum Start "
                        "eines Projekts."
                    ),
                    (
                        "Es gibt regelmäßige Informationen, aber nur über einen Kanal oder nur "
                        "nach außen."
                    ),
                    (
                        "Über Ziele, Fortschritte und Ergebnisse wird regelmäßig, verständlich und "
                        "über mehrere Kanäle berichtet."
                    ),
                    (
                        "Die Kommunikation ist geplant und lädt zum Mitmachen ein; ihre Reichweite "
                        "und die Rückmeldungen werden ausgewertet."
                    ),
                ],
            },
        ],
    },
    {
        "key": "foerderkompetenz",
        "group": "enabler",
        "theme": None,
        "name": "Fördermittelkompetenz",
        "description": (
            "Misst, ob Ihre Kommune passende Förderprogramme findet, Anträge stellen und "
            "Eigenanteile aufbringen kann und geförderte Projekte nach dem Ende der Förderung "
            "weiterführt. Bei knappen Haushalten kann das darüber entscheiden, ob ein Vorhaben "
            "überhaupt möglich ist."
        ),
        "target": 55,
        "strength": (
            "Ihre Kommune nutzt Fördermittel planvoll und sorgt dafür, dass erfolgreiche Projekte "
            "nach der Förderung weiterlaufen."
        ),
        "gap": (
            "Fördermittel werden noch eher zufällig genutzt; ein erster Schritt ist, eine Person "
            "zu benennen, die Förderprogramme beobachtet und Anträge koordiniert."
        ),
        "questions": [
            {
                "key": "foerderkompetenz-recherche",
                "text": (
                    "Beobachtet Ihre Verwaltung systematisch, welche Förderprogramme für ihre "
                    "Digitalisierungsvorhaben infrage kommen?"
                ),
                "help": (
                    "Förderprogramme gibt es zum Beispiel von EU, Bund, Ländern und Stiftungen; "
                    "eine zentrale Übersicht erspart den Ämtern die Suche."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Förderprogramme werden nicht gezielt gesucht; von Förderaufrufen erfährt "
                        "die Verwaltung eher zufällig."
                    ),
                    "Einzelne Ämter beobachten Förderprogramme für ihr eigenes Fachgebiet.",
                    (
                        "Eine Person oder Stelle sammelt Förderaufrufe und gibt sie weiter, aber "
                        "ohne Abgleich mit den geplanten Vorhaben."
                    ),
                    (
                        "Förderprogramme werden zentral beobachtet und regelmäßig mit der "
                        "Strategie und den geplanten Maßnahmen abgeglichen."
                    ),
                    (
                        "Die Beobachtung ist fest organisiert; Anträge werden vorausschauend "
                        "geplant, und ihr Erfolg wird ausgewertet."
                    ),
                ],
            },
            {
                "key": "foerderkompetenz-antrag",
                "text": (
                    "Kann Ihre Verwaltung Förderanträge stellen, die Projekte abwickeln und den "
                    "Eigenanteil aufbringen?"
                ),
                "help": (
                    "Viele Programme verlangen einen Eigenanteil und dazu Zeit und Fachwissen für "
                    "Antrag, Abwicklung und Verwendungsnachweis."
                ),
                "weight": 2,
                "levels": [
                    (
                        "Für Digitalisierungsvorhaben wurden noch keine Förderanträge gestellt, "
                        "weil Zeit, Wissen oder Eigenmittel fehlen."
                    ),
                    (
                        "Einzelne Anträge wurden gestellt, oft unter Zeitdruck; Eigenanteile "
                        "müssen jedes Mal mühsam gefunden werden."
                    ),
                    (
                        "Es gibt Erfahrung mit einigen Anträgen, und Eigenanteile werden für "
                        "einzelne Vorhaben im Haushalt eingeplant."
                    ),
                    (
                        "Anträge werden routiniert gestellt und abgewickelt, und für Eigenanteile "
                        "gibt es einen festen Haushaltsansatz."
                    ),
                    (
                        "Antrag und Abwicklung sind eingespielt, Eigenanteile sind mittelfristig "
                        "geplant, und Erfahrungen werden ausgewertet und geteilt."
                    ),
                ],
            },
            {
                "key": "foerderkompetenz-verstetigung",
                "text": (
                    "Ist bei geförderten Projekten geklärt, wie es nach dem Ende der Förderung "
                    "weitergeht?"
                ),
                "help": (
                    "Dazu gehören Betriebskosten, Personal und Zuständigkeiten, damit erfolgreiche "
                    "Lösungen nicht mit dem Förderende auslaufen."
                ),
                "weight": 3,
                "levels": [
                    (
                        "Was nach dem Ende der Förderung geschieht, wird nicht bedacht; die "
                        "Projekte laufen dann meist aus."
                    ),
                    "Über die Weiterführung wird erst gegen Ende der Förderung nachgedacht.",
                    (
                        "Bei einigen Projekten wird die Weiterführung schon bei der Antragstellung "
                        "mitgedacht."
                    ),
                    (
                        "Bei den meisten Projekten sind Betrieb, Personal und Kosten nach der "
                        "Förderung vorab geklärt und im Haushalt eingeplant."
                    ),
                    (
                        "Jedes Projekt wird vor dem Förderende bewertet, und erfolgreiche Lösungen "
                        "gehen planmäßig in den Regelbetrieb über."
                    ),
                ],
            },
        ],
    },
]
