"""The result as a bar chart drawn on the server: one bar per dimension (Ist), a mark for
its target (Soll) and, where peers are shown, their median. The template draws the SVG
from these numbers; the table beside it holds the same data for screen readers."""

from dataclasses import dataclass

# Geometry of the chart in SVG user units (it scales with the page width).
WIDTH = 640
LABEL_WIDTH = 200
BAR_AREA = WIDTH - LABEL_WIDTH - 50
ROW_HEIGHT = 30
BAR_HEIGHT = 16
TOP = 24


@dataclass
class ChartRow:
    label: str
    y: float
    bar_width: float
    target_x: float
    score: object
    target: int
    median_x: float | None
    reaches_target: bool

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT - 3

    @property
    def mark_top(self) -> float:
        return self.y - 3

    @property
    def mark_bottom(self) -> float:
        return self.y + BAR_HEIGHT + 3

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.bar_width + 6


def x_of(value) -> float:
    return round(LABEL_WIDTH + float(value) / 100 * BAR_AREA, 1)


def score_chart(result) -> dict:
    rows = []
    for index, dimension_result in enumerate(result.dimensions):
        score = dimension_result.score
        first_group = dimension_result.peer_cells[0] if dimension_result.peer_cells else None
        rows.append(
            ChartRow(
                label=dimension_result.dimension.name,
                y=TOP + index * ROW_HEIGHT,
                bar_width=round(float(score or 0) / 100 * BAR_AREA, 1),
                target_x=x_of(dimension_result.target),
                score=score,
                target=dimension_result.target,
                median_x=x_of(first_group.median) if first_group else None,
                reaches_target=dimension_result.reaches_target,
            )
        )
    height = TOP + len(rows) * ROW_HEIGHT + 10
    ticks = [{"value": value, "x": x_of(value)} for value in (0, 25, 50, 75, 100)]
    return {
        "rows": rows,
        "width": WIDTH,
        "height": height,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "ticks": ticks,
        "axis_bottom": height - 10,
        "has_median": any(row.median_x is not None for row in rows),
    }
