"""Synthetic content at national scale, for benchmarks and load tests.

``manage.py generate_scale_data`` composes one generator per domain app: the module
``tools/scale/<app>.py``, which defines

    def generate(*, scale: Scale, rng: random.Random, stdout) -> None
        Create the app's synthetic rows for ``scale`` (bulk inserts), using only ``rng`` for
        randomness so that a seed always gives the same data.
    def generated_count() -> int                      (optional)
        How many synthetic rows of the app are in the database (0: none).
    def flush(*, stdout) -> None                      (optional)
        Delete the app's synthetic rows and nothing else.

The generators run in the order of ``settings.DOMAIN_APPS`` (cities first, because the others
point at municipalities) and are flushed in the reverse order. Synthetic rows carry a mark so that
``flush()`` finds them: a URL on the reserved top-level domain ``.example`` (RFC 2606), see
``synthetic_url()``, or another mark the app documents.

This module holds what the generators share: the target counts per scale, German-like text
from a fixed vocabulary of municipal digitalisation (so full-text search has realistic
material to work on), batched bulk inserts and timing output.
"""

import math
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module
from importlib.util import find_spec
from itertools import islice
from types import ModuleType

from django.conf import settings
from django.utils.text import slugify

BATCH_SIZE = 2_000


@dataclass(frozen=True)
class Scale:
    """Target counts of one scale: the total number of each kind of row after generation."""

    name: str
    municipalities: int
    projects: int
    events: int
    programmes: int
    calls: int


# National: the scale DESIGN.md designs for. Small: a few dozen of each, for tests (the real
# register import alone brings the 106 kreisfreie Städte and Stadtkreise as municipalities).
SCALES = {
    "national": Scale(
        "national",
        municipalities=11_000,
        projects=100_000,
        events=50_000,
        programmes=5_000,
        calls=20_000,
    ),
    "small": Scale("small", municipalities=150, projects=48, events=36, programmes=12, calls=36),
}


def generators() -> list[ModuleType]:
    """The generator of every domain app that has one, in the order of the apps."""
    names = [f"{__name__}.{app}" for app in settings.DOMAIN_APPS]
    return [import_module(name) for name in names if find_spec(name) is not None]


# --- Marking synthetic rows -------------------------------------------------------------

SYNTHETIC_TLD = ".example"


def synthetic_url(name: str) -> str:
    """A web address that marks a row as synthetic: ``.example`` never resolves (RFC 2606)."""
    # A host name label has at most 63 characters (RFC 1035), else URLValidator refuses it.
    label = slugify(name)[:63].strip("-")
    return f"https://www.{label or 'x'}{SYNTHETIC_TLD}/"


SYNTHETIC_URL_SUFFIX = f"{SYNTHETIC_TLD}/"

# --- German-like text -------------------------------------------------------------------

# Words and phrases of municipal digitalisation, each grammatical in its slot of the sentence
# templates below. Only vocabulary: no facts about real places or projects.
SUBJECTS = (
    "Die Stadt",
    "Die Gemeinde",
    "Der Landkreis",
    "Die Verwaltung",
    "Das Amt für Digitalisierung",
    "Die Stabsstelle Smart City",
    "Der Zweckverband",
    "Das kommunale Rechenzentrum",
    "Die Stadtwerke",
    "Die Wirtschaftsförderung",
)
VERBS = (
    "startet",
    "entwickelt",
    "erprobt",
    "betreibt",
    "plant",
    "modernisiert",
    "vernetzt",
    "digitalisiert",
    "evaluiert",
    "erweitert",
    "baut",
    "fördert",
)
OBJECTS = (
    "ein Bürgerportal",
    "eine urbane Datenplattform",
    "ein Open-Data-Portal",
    "die digitale Antragstellung",
    "ein LoRaWAN-Sensornetz",
    "einen Chatbot für den Bürgerservice",
    "das digitale Parkraummanagement",
    "eine Mobilitätsplattform",
    "die intelligente Straßenbeleuchtung",
    "ein Energiemonitoring für kommunale Gebäude",
    "die Glasfaserversorgung der Gewerbegebiete",
    "freies WLAN in der Innenstadt",
    "einen digitalen Zwilling der Stadt",
    "die E-Akte in allen Fachämtern",
    "ein Dashboard für Verkehrsdaten",
    "die Ausstattung der Schulen mit Tablets",
    "eine Lernplattform für die Volkshochschule",
    "die Telemedizin in der Pflege",
    "einen digitalen Marktplatz für den Einzelhandel",
    "eine App zur Bürgerbeteiligung",
    "ein Frühwarnsystem für Starkregen",
    "die Ladeinfrastruktur für Elektromobilität",
    "ein Geoinformationssystem",
    "die Online-Terminvergabe",
    "die Digitalisierung der Bauanträge",
    "ein Informationssicherheitsmanagement",
    "ein Sensornetz für die Luftqualität",
    "die smarte Abfallentsorgung",
    "eine digitale Stadtbibliothek",
    "ein Ratsinformationssystem",
    "einen Mängelmelder",
    "die digitale Schulanmeldung",
    "ein Baustelleninformationssystem",
    "die elektronische Rechnungsbearbeitung",
    "ein Kita-Portal",
    "die Bodenfeuchtemessung an Stadtbäumen",
    "einen Rufbus",
    "ein Carsharing-Angebot",
    "die digitale Friedhofsverwaltung",
    "ein Hochwasserportal",
    "die Videosprechstunde im Bürgeramt",
    "ein Leerstandskataster",
    "einen Coworking-Space",
    "die Fernauslesung der Wasserzähler",
    "ein Tourismusportal",
    "eine Fahrradzählstelle",
    "die smarte Bewässerung der Grünanlagen",
    "ein Unternehmensportal",
    "einen Wärmeplan",
    "ein 3D-Stadtmodell",
    "die Vermessung mit Drohnen",
    "einen Lieferdienst für Dorfläden",
    "die Onleihe der Stadtbücherei",
    "ein digitales Fundbüro",
    "eine Plattform für Nachbarschaftshilfe",
    "ein Mobilitätsbudget",
    "die digitale Gremienarbeit",
    "ein Jugendbeteiligungsportal",
)
GOALS = (
    "eine schnellere Bearbeitung von Anträgen",
    "mehr Transparenz für Bürgerinnen und Bürger",
    "weniger Wege ins Rathaus",
    "eine bessere Auslastung der Parkplätze",
    "geringere Energiekosten",
    "eine lebendige Innenstadt",
    "die Teilhabe aller Generationen",
    "verlässliche Daten für Entscheidungen",
    "der Schutz vor Cyberangriffen",
    "die Umsetzung des Onlinezugangsgesetzes",
    "eine klimafreundliche Mobilität",
    "gleichwertige Lebensverhältnisse in Stadt und Land",
)
PARTNERS = (
    "die Hochschule der Region",
    "ein regionales IT-Unternehmen",
    "die Volkshochschule",
    "der kommunale IT-Dienstleister",
    "die Nachbargemeinden",
    "die Industrie- und Handelskammer",
    "ein Start-up aus der Region",
    "die Sparkasse",
    "der Landkreis",
    "Vereine und Ehrenamtliche",
)
TOPICS = (
    "Digitalisierung",
    "Verwaltungsdigitalisierung",
    "Smart City",
    "Smart Region",
    "E-Government",
    "Open Data",
    "Datenplattform",
    "Breitbandausbau",
    "Glasfaser",
    "Mobilität",
    "Elektromobilität",
    "Energiewende",
    "Klimaschutz",
    "Bürgerbeteiligung",
    "Bürgerservice",
    "Bildung",
    "Gesundheit",
    "Pflege",
    "Einzelhandel",
    "IT-Sicherheit",
    "Künstliche Intelligenz",
    "Sensorik",
    "Geodaten",
    "Onlinezugangsgesetz",
)
ADJECTIVES = (
    "Digitale",
    "Vernetzte",
    "Offene",
    "Nachhaltige",
    "Interkommunale",
    "Smarte",
    "Barrierefreie",
    "Regionale",
    "Kommunale",
    "Mobile",
)
NOUNS = (
    "Verwaltung",
    "Innenstadt",
    "Daseinsvorsorge",
    "Mobilität",
    "Bildung",
    "Beteiligung",
    "Region",
    "Energieversorgung",
    "Infrastruktur",
    "Nachbarschaft",
)
FORMATS = (
    "Werkstatt",
    "Fachtag",
    "Konferenz",
    "Webinar",
    "Netzwerktreffen",
    "Schulung",
    "Praxisforum",
    "Sprechstunde",
)

# Parts of German-sounding place names ("Oberlindenbach", "Neu Eichenfeld").
PLACE_PREFIXES = ("", "", "", "", "Ober", "Nieder", "Unter", "Groß", "Klein", "Alt", "Neu")
PLACE_STEMS = (
    "linden",
    "eichen",
    "buchen",
    "birken",
    "erlen",
    "tannen",
    "wald",
    "berg",
    "stein",
    "rosen",
    "sonnen",
    "mühl",
    "kirch",
    "hohen",
    "wester",
    "oster",
    "mark",
    "fried",
    "hart",
    "heide",
    "brunn",
    "wolfs",
    "hasel",
    "roth",
    "weiden",
    "lauter",
    "schön",
    "fichten",
)
PLACE_SUFFIXES = (
    "bach",
    "berg",
    "burg",
    "dorf",
    "feld",
    "hausen",
    "heim",
    "ingen",
    "stedt",
    "stadt",
    "au",
    "rode",
    "hagen",
    "walde",
    "brück",
    "kirchen",
    "born",
    "beck",
    "hof",
    "leben",
)


def place_name(rng: random.Random) -> str:
    """A German-sounding, invented place name."""
    prefix = rng.choice(PLACE_PREFIXES)
    core = rng.choice(PLACE_STEMS) + rng.choice(PLACE_SUFFIXES)
    if not prefix:
        return core.capitalize()
    # "Neu Eichenfeld" and "Oberlindenbach" are both common forms.
    return f"{prefix} {core.capitalize()}" if rng.random() < 0.3 else prefix + core


# Sentences every kind of text may contain: the common words of the domain ("Projekt",
# "Verwaltung") occur in most texts, as they do in real ones.
GENERIC_SENTENCES = (
    "Das Projekt ist in mehrere Phasen gegliedert.",
    "Die Ergebnisse werden regelmäßig ausgewertet und veröffentlicht.",
    "Die Verwaltung informiert auf ihrer Website über den Stand.",
    "Ein Lenkungskreis begleitet die Umsetzung.",
    "Die Finanzierung ist für die nächsten Jahre gesichert.",
    "Der Datenschutz wurde von Anfang an berücksichtigt.",
    "Die Beschäftigten wurden frühzeitig einbezogen und geschult.",
    "Nach einer Testphase folgt der Regelbetrieb.",
)


@dataclass(frozen=True)
class Story:
    """What one synthetic text is about: one actor, one object, one topic, its goals and
    partners. The sentences of a text stay with its story, as a real project description
    stays with its project, so a specific word ("Chatbot") occurs in a few per cent of the
    texts and only the domain's common words occur in most of them."""

    actor: str
    verbs: tuple[str, ...]
    obj: str
    topic: str
    goals: tuple[str, ...]
    partners: tuple[str, ...]

    @property
    def obj_without_article(self) -> str:
        return self.obj.split(" ", 1)[1]


def story(rng: random.Random) -> Story:
    """A random story from the vocabulary."""
    return Story(
        actor=rng.choice(SUBJECTS),
        verbs=tuple(rng.sample(VERBS, 2)),
        obj=rng.choice(OBJECTS),
        topic=rng.choice(TOPICS),
        goals=tuple(rng.sample(GOALS, 2)),
        partners=tuple(rng.sample(PARTNERS, 2)),
    )


def title(rng: random.Random, about: Story | None = None) -> str:
    """A project-like title, e.g. "Vernetzte Verwaltung: Open Data"."""
    about = about or story(rng)
    form = rng.random()
    if form < 0.4:
        return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}: {about.topic}"
    if form < 0.7:
        obj = about.obj_without_article
        return f"{obj[0].upper()}{obj[1:]} in {place_name(rng)}"
    return f"{about.topic} in der {rng.choice(NOUNS)}"


def event_title(rng: random.Random) -> str:
    """An event-like title, e.g. "Fachtag Open Data"."""
    return f"{rng.choice(FORMATS)} {rng.choice(TOPICS)}"


def sentence(rng: random.Random, about: Story | None = None) -> str:
    """One German sentence about a municipal digitalisation project (its ``about`` story,
    else a random one)."""
    about = about or story(rng)
    verb = rng.choice(about.verbs)
    form = rng.randrange(6)
    if form == 0:
        return f"{about.actor} {verb} {about.obj}."
    if form == 1:
        return f"Ziel ist {rng.choice(about.goals)}."
    if form == 2:
        return f"Beteiligt sind {about.partners[0]} und {about.partners[1]}."
    if form == 3:
        return f"Im Handlungsfeld {about.topic} {verb} {about.actor.lower()} {about.obj}."
    if form == 4:
        return (
            f"Die Erfahrungen mit {about.obj_without_article} helfen anderen Kommunen, "
            f"{rng.choice(about.goals)} zu erreichen."
        )
    return rng.choice(GENERIC_SENTENCES)


def paragraph(
    rng: random.Random, sentences: tuple[int, int] = (3, 6), about: Story | None = None
) -> str:
    about = about or story(rng)
    return " ".join(sentence(rng, about) for _ in range(rng.randint(*sentences)))


def text(
    rng: random.Random, paragraphs: tuple[int, int] = (2, 4), about: Story | None = None
) -> str:
    """Several paragraphs about one story, separated by blank lines (valid Markdown)."""
    about = about or story(rng)
    return "\n\n".join(paragraph(rng, about=about) for _ in range(rng.randint(*paragraphs)))


# --- Numbers and dates ------------------------------------------------------------------


def skewed_int(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    """A log-normally distributed whole number: most values small, a long tail of large
    ones (populations, budgets), clamped to [low, high]."""
    return max(low, min(high, round(rng.lognormvariate(math.log(median), sigma))))


def random_date(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into whole shares proportional to ``weights`` (largest remainder), so
    the shares add up exactly to ``total``."""
    weight_sum = float(sum(weights))
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * weight / weight_sum for weight in weights]
    shares = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


# --- Writing and timing -----------------------------------------------------------------


def batches(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def bulk_create(model, objects: Iterable, *, batch_size: int = BATCH_SIZE) -> int:
    """Insert ``objects`` (any iterable, e.g. a generator) in batches; returns the count.

    Memory stays bounded by one batch; Django splits further where the database limits the
    number of parameters of one statement (SQLite)."""
    count = 0
    for batch in batches(objects, batch_size):
        model.objects.bulk_create(batch, batch_size=batch_size)
        count += len(batch)
    return count


@contextmanager
def timed(stdout, label: str):
    """Write how long the block took: ``label: 1.2 s``."""
    started = time.perf_counter()
    yield
    stdout.write(f"{label}: {time.perf_counter() - started:.1f} s")
