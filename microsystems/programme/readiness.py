"""The readiness check before enrolment, as a traffic light with reasons. Pure logic: no Django.

The evaluations found that practices that struggled "weren't ready" (seed 001 L719), that a context of
relative stability helped (seed 004 §5.6.5), and that a senior partner's support mattered (seed 000)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Readiness:
    colour: str  # an NHS.UK tag colour: green, yellow, red
    label: str
    reasons: tuple[str, ...]
    advice: str


def assess(
    *, stable_staffing: bool, leadership_change: bool, competing_projects: bool, senior_partner_support: bool
) -> Readiness:
    concerns = []
    if not senior_partner_support:
        concerns.append("No senior partner backs the work yet.")
    if not stable_staffing:
        concerns.append("Staffing is not stable.")
    if leadership_change:
        concerns.append("The practice's leadership changed recently.")
    if competing_projects:
        concerns.append("Other projects or inspections compete for the team's time.")
    if not senior_partner_support or len(concerns) >= 2:
        return Readiness(
            "red",
            "Not ready yet",
            tuple(concerns),
            "Suggest the practice defers, and agree a date to check again.",
        )
    if concerns:
        return Readiness(
            "yellow",
            "Ready, with a concern",
            tuple(concerns),
            "Talk the concern through with the practice before the agreement.",
        )
    return Readiness("green", "Ready", (), "The practice can go on to the coaching agreement.")
