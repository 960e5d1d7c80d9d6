"""Small statistics over samples (stdlib only)."""
import statistics


def median(values):
    return statistics.median(values) if values else float("nan")


def percentile(values, p):
    """Nearest-rank percentile: p in [0, 100]; the value at or below which p % of samples fall."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100), at least 1
    return ordered[int(rank) - 1]


def ratio(a, b):
    return a / b if b else float("nan")
