"""How well the practice's processes work: everyone rates each one, the ratings are pooled into a ranked
problem list. Plain Python."""

from collections.abc import Iterable
from dataclasses import dataclass

PROCESSES = (
    "Telephone access and triage",
    "Booking appointments",
    "Online consultations",
    "Reception and arrival",
    "Consultations",
    "Home visits",
    "Repeat prescriptions",
    "Medication reviews",
    "Handling test results",
    "Incoming letters and documents",
    "Referrals",
    "Long-term condition recall and reviews",
    "Immunisations and screening",
    "Registering new patients",
    "Working with care homes",
    "Complaints",
    "Significant events",
    "Staff rota",
    "IT and the clinical system",
)

# (value, label, problem score); "don't know" has no score and is left out of the average.
RATINGS = (
    ("works_well", "Works well", 0),
    ("small", "Small problem", 1),
    ("real", "Real problem", 2),
    ("big", "Big problem", 3),
    ("dont_know", "Don't know", None),
)
SCORES = {value: score for value, _, score in RATINGS}


@dataclass(frozen=True)
class ProcessResult:
    process: str
    raters: int
    score: float | None  # average problem score, 0 (works well) to 3 (big problem)
    big: int
    works_well: int
    rank: int


def ranked_problems(ratings: Iterable[tuple[str, str]]) -> list[ProcessResult]:
    """(process, rating) pairs pooled per process and ranked: the worst average first, then the most
    "big problem" ratings; processes nobody could rate come last."""
    pooled: dict[str, list[str]] = {}
    for process, rating in ratings:
        pooled.setdefault(process, []).append(rating)
    results = []
    for process, values in pooled.items():
        scored = [s for s in (SCORES.get(v) for v in values) if s is not None]
        score = round(sum(scored) / len(scored), 1) if scored else None
        results.append((process, len(values), score, values.count("big"), values.count("works_well")))
    results.sort(key=lambda r: (r[2] is None, -(r[2] or 0), -r[3], r[0]))
    ranked: list[ProcessResult] = []
    for position, (process, raters, score, big, well) in enumerate(results, start=1):
        same = ranked and ranked[-1].score == score and ranked[-1].big == big
        ranked.append(ProcessResult(process, raters, score, big, well, ranked[-1].rank if same else position))
    return ranked
