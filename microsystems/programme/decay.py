"""Stall and decay signals for a project, and the green / amber / red status they add up to. Pure logic:
the facts come in (facts.py reads them), `today` with them.

The signals and their rationale are in shared/toolkit/FOLLOWUP_INSTRUMENTS.md §6 (W1 to W14); thresholds
there are design choices, kept here as constants. Only the signals the product has data for are computed;
the others are listed in NOT_COMPUTED with the reason, rather than guessed."""

from dataclasses import dataclass, field
from datetime import date, timedelta

INACTIVE_AFTER = timedelta(days=14)  # "a project with no activity for 14 days is flagged to its coach"
CHAMPION_GRACE = timedelta(days=14)  # W2: not reassigned within 14 days
SUPPORT_GAP = timedelta(weeks=8)  # W7
MEETING_GAP = {7: timedelta(weeks=4), 14: timedelta(weeks=4), 30: timedelta(weeks=6)}  # W5, by plan

FREQUENCY_DAYS = {"daily": 1, "weekly": 7, "monthly": 30}  # W1: a measure's interval
# W1 waits twice the interval (four times: at risk), and never less than two weeks (four): a daily
# measure is not collected at weekends or on bank holidays.
NO_DATA_AFTER, NO_DATA_RED_AFTER = 14, 28
FOLLOWED_FOR = timedelta(days=365)  # W1: data is watched until the 12-month review
STANDARD_REVIEW = timedelta(days=182)  # W14: a standard unreviewed for six months

# Signals that, two or more together with one of these, make a project red (§6 "Combine").
KEY_SIGNALS = frozenset({"W2", "W3", "W6", "W7"})

# The signals of §6 the product cannot compute, and why: shown beside the status so nobody reads their
# absence as good news.
NOT_COMPUTED: dict[str, str] = {
    "W10": "Data wall not updated or viewed for 30 days: the app does not record who views the data wall. "
    "Its charts update with the measures' data, which “no new data” (W1) watches.",
    "W12": "Disruptive change (a merger, a new primary care network, a new clinical system): the app has "
    "no record of these. Record them in a follow-up review's “what slipped”.",
    "W13": "Weak normalisation: the NoMAD questionnaire is not collected in the app.",
}
ALL_SIGNALS: dict[str, str] = {
    "INACTIVE": "No activity in the workbook for 14 days (the coach is told)",
    "W1": "No new data on a measure for twice its interval and at least 14 days (four times and 28 days: "
    "at risk)",
    "W2": "The champion left and nobody took the role on within 14 days",
    "W3": "Half or more of the lead team changed since completion, or a measure's owner left",
    "W4": "A measure going back on its chart (a special cause of concern), or gone back (at risk)",
    "W5": "No lead-team meeting for 4 weeks (6 weeks where the plan is monthly)",
    "W6": "The change needs ongoing resources and its funding ended",
    "W7": "The coach's support ended and nothing logged in the 8 weeks since",
    "W8": "A 6- or 12-month review overdue",
    "W9": "The progress score went down at a review",
    "W11": "The sustainability self-assessment falling between reviews",
    "W14": "A standard (SDSA) not reviewed for six months, or past its review date",
}


@dataclass(frozen=True)
class MeasureFacts:
    """One of the project's measures, as the stall and decay rules see it."""

    name: str
    frequency: str  # daily, weekly, monthly
    since: date  # its latest data point, else when it was defined
    concern: bool = False  # the latest point is a special cause of concern on its chart (MDC)
    reverted: bool = False  # the median of the last 6 points is nearer the baseline than the improved level
    owner_gone: bool = False


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
    completed_on: date | None = None
    measures: tuple[MeasureFacts, ...] = ()
    team_size: int = 0  # the lead team (W3)
    team_gone: int = 0  # of whom have left it (projects.leavers)
    progress_scores: tuple[float, ...] = ()  # the scores confirmed at held reviews, oldest first (W9)
    stale_standards: tuple[str, ...] = ()  # the changes whose standard is due a review (W14)


@dataclass(frozen=True)
class Signal:
    code: str
    text: str
    severe: bool = False  # on its own makes the project red (a measure gone back, data stopped long)


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
        found.append(Signal("W4", "The measure has gone back to how it was before the project.", True))
    found += _measure_signals(f)
    if f.completed_on and f.team_size and f.team_gone * 2 >= f.team_size:
        found.append(
            Signal("W3", f"{f.team_gone} of the {f.team_size} people on the lead team have left it.")
        )
    if f.overdue_reviews:
        found.append(Signal("W8", "A follow-up review is overdue."))
    if len(f.progress_scores) >= 2 and f.progress_scores[-1] < f.progress_scores[-2]:
        found.append(
            Signal(
                "W9",
                f"The progress score went down from {f.progress_scores[-2]:g} to {f.progress_scores[-1]:g} "
                "at the last review.",
            )
        )
    found += [Signal("W11", text) for text in f.sustainability_warnings]
    found += [
        Signal(
            "W14", f"The standard for “{name}” has not been reviewed for six months or is past its review."
        )
        for name in f.stale_standards
    ]
    return found


def _measure_signals(f: ProjectFacts) -> list[Signal]:
    """W1 (no new data), W4 (going back on the chart) and W3's measure owner, for each measure."""
    found = []
    watched = f.active or (f.completed_on is not None and f.today - f.completed_on <= FOLLOWED_FOR)
    for m in f.measures:
        every = FREQUENCY_DAYS.get(m.frequency, 7)
        gap = (f.today - m.since).days
        if watched and gap >= max(2 * every, NO_DATA_AFTER):
            long = gap >= max(4 * every, NO_DATA_RED_AFTER)
            found.append(
                Signal(
                    "W1",
                    f"No new data on “{m.name}” for {_span(gap)} (it is collected {m.frequency}).",
                    long,
                )
            )
        if m.reverted:
            found.append(
                Signal(
                    "W4",
                    f"“{m.name}” has gone back: its last six points are nearer the baseline than the "
                    "improved level.",
                    True,
                )
            )
        elif m.concern:
            found.append(Signal("W4", f"“{m.name}” shows a special cause of concern on its chart."))
        if m.owner_gone and f.completed_on:
            found.append(Signal("W3", f"The owner of “{m.name}” has left the practice."))
    return found


def _span(days: int) -> str:
    return f"{days} days" if days < 21 else f"{days // 7} weeks"


def health(f: ProjectFacts) -> Health:
    """Green with no signal; red when a measure went back (W4 "reverted") or its data stopped for four
    times its interval (W1's red), or two or more signals include the loss of the champion, of the team,
    of support, or of funding; amber otherwise (our reading of §6, which lists W8 and the
    key signals for neither colour alone: any signal at all needs attention)."""
    found = tuple(signals(f))
    codes = {s.code for s in found}
    if any(s.severe for s in found) or (len(found) >= 2 and codes & KEY_SIGNALS):
        return Health("red", found)
    if found:
        return Health("amber", found)
    return Health("green", ())
