"""The network graph, drawn on the server as SVG: the bodies on a circle, the relations as
lines between them. Pure layout, no queries: the view hands in relations with their bodies
loaded. The page's table is the accessible form of the same data; the drawing is its
picture."""

import math
from dataclasses import dataclass

from members.choices import DIRECTED_KINDS

# More nodes than this make a circle of unreadable labels: the most connected are drawn.
MAX_NODES = 60
LABEL_SPACE = 170  # room for the labels around the circle, in SVG units
MAX_LABEL = 28  # characters of a label before it is shortened


@dataclass(frozen=True)
class Node:
    key: tuple[str, int]
    label: str
    x: float
    y: float
    radius: float
    label_x: float
    label_y: float
    anchor: str
    degree: int


@dataclass(frozen=True)
class Edge:
    kind: str
    label: str
    x1: float
    y1: float
    x2: float
    y2: float
    directed: bool


@dataclass(frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    size: float
    # How many bodies and relations were left out (beyond MAX_NODES).
    hidden_nodes: int
    hidden_edges: int


def _key(body) -> tuple[str, int]:
    return (body._meta.model_name, body.pk)


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"


def draw(relations) -> Graph:
    """The layout of ``relations`` (with ``source`` and ``target`` loaded)."""
    relations = list(relations)
    degree: dict[tuple[str, int], int] = {}
    bodies = {}
    for relation in relations:
        for body in (relation.source, relation.target):
            key = _key(body)
            degree[key] = degree.get(key, 0) + 1
            bodies[key] = body
    # The most connected bodies, then placed by state and name, so neighbours cluster.
    kept = sorted(degree, key=lambda key: (-degree[key], bodies[key].name, key))[:MAX_NODES]
    kept.sort(key=lambda key: (getattr(bodies[key], "state_id", "") or "", bodies[key].name))
    count = len(kept)
    radius = min(400.0, 90.0 + 7.0 * count)
    centre = radius + LABEL_SPACE
    nodes = {}
    for index, key in enumerate(kept):
        angle = 2 * math.pi * index / max(count, 1) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        size = min(4.0 + 2.0 * math.sqrt(degree[key]), 14.0)
        nodes[key] = Node(
            key=key,
            label=_short(bodies[key].name),
            x=round(centre + radius * cos, 1),
            y=round(centre + radius * sin, 1),
            radius=round(size, 1),
            label_x=round(centre + (radius + size + 6) * cos, 1),
            label_y=round(centre + (radius + size + 6) * sin + 4, 1),
            anchor="start" if cos >= -1e-9 else "end",
            degree=degree[key],
        )
    edges = []
    for relation in relations:
        start, end = nodes.get(_key(relation.source)), nodes.get(_key(relation.target))
        if start is None or end is None:
            continue
        length = math.hypot(end.x - start.x, end.y - start.y) or 1.0
        ux, uy = (end.x - start.x) / length, (end.y - start.y) / length
        edges.append(
            Edge(
                kind=relation.kind,
                label=str(relation),
                # From rim to rim, so that an arrowhead ends at the target's edge.
                x1=round(start.x + ux * start.radius, 1),
                y1=round(start.y + uy * start.radius, 1),
                x2=round(end.x - ux * (end.radius + 2), 1),
                y2=round(end.y - uy * (end.radius + 2), 1),
                directed=relation.kind in DIRECTED_KINDS,
            )
        )
    return Graph(
        nodes=list(nodes.values()),
        edges=edges,
        size=round(2 * centre, 1),
        hidden_nodes=len(degree) - count,
        hidden_edges=len(relations) - len(edges),
    )
