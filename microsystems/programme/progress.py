"""A progress score on the IHI 0.5-5 scale suggested from the evidence, for a person to confirm. Pure logic.

The scale's levels are described in shared/toolkit/FOLLOWUP_INSTRUMENTS.md §2 (IHI Assessment Scale for
Collaboratives); the wording here is ours. On platforms the score is set by hand and goes stale; here the
app proposes it from what the project and its review recorded, and the coach confirms or changes it. At a
6- or 12-month review the score confirms the gains held (4.5) or is lowered when decay is found."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Evidence:
    team_formed: bool = False
    meetings_held: int = 0
    changes_tested: bool = False
    completed: bool = False
    # From a follow-up review, when there is one.
    change_in_place: str = ""  # as_designed, adapted, partly, stopped
    chart_says: str = ""  # held, slipping, reverted, no_data
    embedding: str = ""  # embedded, partial, at_risk, abandoned


@dataclass(frozen=True)
class Suggestion:
    score: Decimal
    reason: str


def suggest(e: Evidence) -> Suggestion:
    if e.change_in_place:
        return _after_review(e)
    if e.completed:
        return Suggestion(
            Decimal("4.0"), "The project completed; the reviews will show whether the gains hold."
        )
    if e.changes_tested:
        return Suggestion(Decimal("2.5"), "Changes are being tested.")
    if e.meetings_held:
        return Suggestion(Decimal("1.5"), f"The lead team has met {e.meetings_held} times.")
    if e.team_formed:
        return Suggestion(Decimal("1.0"), "The lead team is formed.")
    return Suggestion(Decimal("0.5"), "The project is named; no team yet.")


def _after_review(e: Evidence) -> Suggestion:
    in_place = e.change_in_place in ("as_designed", "adapted")
    if in_place and e.chart_says == "held" and e.embedding == "embedded":
        return Suggestion(
            Decimal("5.0"), "The change is in place, the chart shows the gains held, and it is embedded."
        )
    if in_place and e.chart_says == "held":
        return Suggestion(Decimal("4.5"), "The change is in place and the chart shows the gains holding.")
    if in_place and e.chart_says in ("slipping", "no_data"):
        why = "is slipping" if e.chart_says == "slipping" else "has too little data since completion"
        return Suggestion(Decimal("4.0"), f"The change is in place but the chart {why}.")
    if e.change_in_place == "partly" or e.chart_says == "reverted":
        return Suggestion(Decimal("3.0"), "Only part of the change is in place, or the measure went back.")
    return Suggestion(Decimal("2.0"), "The change has stopped.")
