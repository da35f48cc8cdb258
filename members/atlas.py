"""The network's charts on the Atlas page (``/atlas/``), which the register app draws
without knowing this app."""

from django.utils.translation import gettext as _

from members.figures import network_statistics


def atlas_charts() -> list[dict]:
    statistics = network_statistics()
    if not statistics.relation_count:
        return []
    return [
        {
            "key": "network-kinds",
            "title": _("Netzwerk der Kommunen: bestätigte Verbindungen nach Art"),
            "figures": statistics.kinds,
            "share": False,
        },
        {
            "key": "network-bodies",
            "title": _("Netzwerk der Kommunen: Stellen mit den meisten Verbindungen"),
            "figures": statistics.top_bodies,
            "share": False,
        },
    ]
