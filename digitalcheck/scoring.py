"""How answers become scores, on plain data (no queries).

A question scores its level as a share of the highest level (level 3 of 0–4: 75). A
dimension scores the weighted mean of its answered questions; it is complete when every
question has an answer. The overall score is the plain mean of the dimensions, so that a
dimension with many questions does not outweigh one with few. Scores are rounded to one
decimal place (half up), as they are stored."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from digitalcheck.choices import HIGHEST_LEVEL

ONE_PLACE = Decimal("0.1")


def rounded(value: Decimal) -> Decimal:
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def question_score(level: int) -> Decimal:
    return Decimal(level) * 100 / HIGHEST_LEVEL


@dataclass
class DimensionResult:
    """A dimension's score (None while none of its questions is answered) and target."""

    dimension: object
    score: Decimal | None
    answered: int
    questions: int
    previous: Decimal | None = None
    # The quartiles of each peer group that is shown (None where the group has fewer than
    # five results in this dimension), in the order of the groups.
    peer_cells: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.dimension.key

    @property
    def target(self) -> int:
        return self.dimension.target

    @property
    def complete(self) -> bool:
        return self.answered == self.questions

    @property
    def reaches_target(self) -> bool:
        return self.score is not None and self.score >= self.target

    @property
    def gap(self) -> Decimal | None:
        """Points missing to the target (0 when reached)."""
        if self.score is None:
            return None
        return max(Decimal(self.target) - self.score, Decimal(0))

    @property
    def change(self) -> Decimal | None:
        """Points since the body's previous check of the same dimension."""
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass
class Result:
    dimensions: list[DimensionResult]
    score: Decimal | None

    @property
    def complete(self) -> bool:
        return all(result.complete for result in self.dimensions)

    @property
    def answered(self) -> int:
        return sum(result.answered for result in self.dimensions)

    @property
    def questions(self) -> int:
        return sum(result.questions for result in self.dimensions)

    @property
    def strengths(self) -> list[DimensionResult]:
        return [result for result in self.dimensions if result.reaches_target]

    @property
    def gaps(self) -> list[DimensionResult]:
        """Dimensions below their target, the largest gap first."""
        below = [r for r in self.dimensions if r.score is not None and not r.reaches_target]
        return sorted(below, key=lambda result: (-result.gap, result.dimension.position))

    def by_key(self) -> dict[str, DimensionResult]:
        return {result.key: result for result in self.dimensions}


def score_dimension(dimension, answers: dict[int, int]) -> DimensionResult:
    """``dimension.questions.all()`` (prefetched) scored from ``answers`` (question id →
    level)."""
    questions = list(dimension.questions.all())
    weighted = Decimal(0)
    weights = 0
    answered = 0
    for question in questions:
        level = answers.get(question.pk)
        if level is None:
            continue
        answered += 1
        weighted += question_score(level) * question.weight
        weights += question.weight
    score = rounded(weighted / weights) if weights else None
    return DimensionResult(
        dimension=dimension, score=score, answered=answered, questions=len(questions)
    )


def score_answers(dimensions, answers: dict[int, int]) -> Result:
    """The result of ``answers`` for the ``dimensions`` of one questionnaire."""
    results = [score_dimension(dimension, answers) for dimension in dimensions]
    scored = [result.score for result in results if result.score is not None]
    overall = rounded(sum(scored, Decimal(0)) / len(scored)) if scored else None
    return Result(dimensions=results, score=overall)
