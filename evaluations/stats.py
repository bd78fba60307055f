"""Small exact statistics for 1-5 scores (pure functions, no database)."""

from fractions import Fraction

from .criteria import SCORES


def mean(values) -> Fraction | None:
    values = list(values)
    return Fraction(sum(values), len(values)) if values else None


def median(values) -> Fraction | None:
    """The middle score, or the mean of the two middle ones (exact)."""
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return Fraction(values[middle])
    return Fraction(values[middle - 1] + values[middle], 2)


def distribution(values) -> list[int]:
    """Counts of each score 1..5, in that order."""
    counts = dict.fromkeys(SCORES, 0)
    for value in values:
        counts[value] += 1
    return [counts[s] for s in SCORES]


def as_float(value: Fraction | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def criterion_summary(criterion, values) -> dict:
    """n, mean, median and distribution of one criterion, as plain data."""
    values = list(values)
    return {
        "key": criterion.key,
        "label": str(criterion.label),
        "n": len(values),
        "mean": as_float(mean(values)),
        "median": as_float(median(values)),
        "distribution": distribution(values),
    }


def mean_of_means(summaries) -> float | None:
    means = [s["mean"] for s in summaries if s["mean"] is not None]
    return round(sum(means) / len(means), 2) if means else None
