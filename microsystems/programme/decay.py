"""Stall and decay signals for a project, and the green / amber / red status they add up to. Pure logic:
the facts come in (facts.py reads them), `today` with them.

The signals and their rationale are in shared/toolkit/FOLLOWUP_INSTRUMENTS.md §6 (W1 to W14); thresholds
there are design choices, kept here as constants. Only the signals the product has data for are computed;
the others (measure data, the data wall, NoMAD) are left out rather than guessed."""

from dataclasses import dataclass, field
from datetime import date, timedelta

INACTIVE_AFTER = timedelta(days=14)  # "a project with no activity for 14 days is flagged to its coach"
CHAMPION_GRACE = timedelta(days=14)  # W2: not reassigned within 14 days
SUPPORT_GAP = timedelta(weeks=8)  # W7
MEETING_GAP = {7: timedelta(weeks=4), 14: timedelta(weeks=4), 30: timedelta(weeks=6)}  # W5, by plan

# Signals that, two or more together with one of these, make a project red (§6 "Combine").
KEY_SIGNALS = frozenset({"W2", "W3", "W6", "W7"})


@dataclass(frozen=True)
class ProjectFacts:
    today: date
    active: bool
    started_on: date
    last_activity: date | None = None
    meeting_every_days: int | None = None  # 7 weekly, 14 fortnightly, 30 monthly; None if no plan
    last_meeting_held: date | None = None
    champion_left_on: date | None = None  # the champion's role ended and nobody took it on
    active_coaches: int = 1
    coaching_ended_on: date | None = None  # when the last coach's assignment ended
    overdue_reviews: int = 0
    needs_ongoing_resources: bool = False
    funding_ended: bool = False  # a review said the funding ended
    chart_reverted: bool = False  # the last review said the measure went back to how it was
    sustainability_warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signal:
    code: str
    text: str


@dataclass(frozen=True)
class Health:
    colour: str  # green, amber, red
    signals: tuple[Signal, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return {"green": "On track", "amber": "Needs attention", "red": "At risk"}[self.colour]

    @property
    def tag_colour(self) -> str:
        return {"green": "green", "amber": "yellow", "red": "red"}[self.colour]

    @property
    def inactive(self) -> bool:
        return any(s.code == "INACTIVE" for s in self.signals)


def signals(f: ProjectFacts) -> list[Signal]:
    found = []
    if f.active:
        since = f.last_activity or f.started_on
        if f.today - since >= INACTIVE_AFTER:
            found.append(Signal("INACTIVE", f"No activity for {(f.today - since).days} days."))
        if f.meeting_every_days in MEETING_GAP:
            last = f.last_meeting_held or f.started_on
            if f.today - last >= MEETING_GAP[f.meeting_every_days]:
                found.append(
                    Signal("W5", f"No lead-team meeting held for {(f.today - last).days // 7} weeks.")
                )
    if f.champion_left_on and f.today - f.champion_left_on >= CHAMPION_GRACE:
        found.append(Signal("W2", "The champion left and nobody has taken the role on."))
    support_ended = f.coaching_ended_on if f.active_coaches == 0 else None
    if (
        support_ended
        and f.today - support_ended >= SUPPORT_GAP
        and (f.last_activity is None or f.last_activity <= support_ended)
    ):
        found.append(Signal("W7", "The coach's support ended and the practice has logged nothing since."))
    if f.needs_ongoing_resources and f.funding_ended:
        found.append(Signal("W6", "The change needs ongoing resources and its funding has ended."))
    if f.chart_reverted:
        found.append(Signal("W4", "The measure has gone back to how it was before the project."))
    if f.overdue_reviews:
        found.append(Signal("W8", "A follow-up review is overdue."))
    found += [Signal("W11", text) for text in f.sustainability_warnings]
    return found


def health(f: ProjectFacts) -> Health:
    """Green with no signal; red when the measure reverted, or two or more signals include the loss of
    the champion, of support, or of funding; amber otherwise (our reading of §6, which lists W8 and the
    key signals for neither colour alone: any signal at all needs attention)."""
    found = tuple(signals(f))
    codes = {s.code for s in found}
    if "W4" in codes or (len(found) >= 2 and codes & KEY_SIGNALS):
        return Health("red", found)
    if found:
        return Health("amber", found)
    return Health("green", ())
