"""Suggesting coaches for a practice, ranked, with the reasons. Pure logic: no Django.

What the evaluation asked for: coaches matched with practices "that perceive their experience as relevant"
(seed 001 rec 1.iii.h), no coach commissioning services for the area they coach (seed 001 L551), a
co-coach or mentor for a new coach's first project (rec 1.ii.c), and protected time (rec 1.ii.a)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

EXPERIENCE_ORDER = {"mentor": 2, "experienced": 1, "newly_trained": 0}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "their",
        "to",
        "too",
        "we",
        "with",
        "more",
        "less",
        "improve",
        "improving",
        "improvement",
        "better",
        "reduce",
        "reducing",
        "increase",
        "increasing",
        "project",
        "practice",
        "patients",
        "patient",
        "time",
        "times",
    ]
)


@dataclass(frozen=True)
class CoachFacts:
    key: int
    name: str
    experience: str
    background: str = ""
    topics: tuple[str, ...] = ()
    past_themes: tuple[str, ...] = ()  # titles of projects the coach has supported
    active_practices: int = 0
    protected_hours_per_month: int = 0
    commissions_for: frozenset[int] = frozenset()  # areas (PCN ids) the coach commissions for
    has_mentor: bool = False


@dataclass(frozen=True)
class PracticeFacts:
    pcn_id: int | None
    theme: str = ""
    current_coaches: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Suggestion:
    coach: CoachFacts
    relevance: int
    reasons: tuple[str, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matches:
    suggested: list[Suggestion] = field(default_factory=list)
    excluded: list[tuple[CoachFacts, str]] = field(default_factory=list)


def words(text: str) -> set[str]:
    """The meaningful words of a theme or a topic, lower case, singular-ish."""
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if len(word) < 3 or word in STOPWORDS:
            continue
        found.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return found


def rank(coaches: Iterable[CoachFacts], practice: PracticeFacts) -> Matches:
    """Coaches ranked for the practice: relevant experience first, then the more experienced, then the
    lighter workload. A coach who commissions services for the practice's area is left out, with why."""
    theme = words(practice.theme)
    suggested: list[Suggestion] = []
    excluded: list[tuple[CoachFacts, str]] = []
    coaches = list(coaches)
    by_key = {coach.key: coach for coach in coaches}
    experienced_already = any(
        EXPERIENCE_ORDER.get(by_key[key].experience, 0) > 0
        for key in practice.current_coaches
        if key in by_key
    )
    for coach in coaches:
        if coach.key in practice.current_coaches:
            excluded.append((coach, "Already coaches this practice."))
            continue
        if practice.pcn_id is not None and practice.pcn_id in coach.commissions_for:
            excluded.append((coach, "Commissions services for this practice's area: a conflict of interest."))
            continue
        reasons: list[str] = []
        matched_topics = sorted(
            {topic for topic in coach.topics if words(topic) & theme}
            | ({coach.background} if coach.background and words(coach.background) & theme else set())
        )
        matched_projects = [title for title in coach.past_themes if words(title) & theme]
        relevance = len(matched_topics) * 2 + len(matched_projects)
        if matched_topics:
            reasons.append("Knows about " + ", ".join(matched_topics) + ".")
        if matched_projects:
            reasons.append("Has supported a similar project: " + "; ".join(matched_projects[:2]) + ".")
        if not theme:
            reasons.append("No theme chosen yet, so ranked on experience and workload.")
        elif not relevance:
            reasons.append("No experience recorded that matches the theme.")
        reasons.append(f"{experience_label(coach.experience)}.")
        reasons.append(workload_reason(coach))
        reasons.append("No conflict of interest with this practice's area.")
        warnings = sole_new_coach_warnings(coach, has_experienced_co_coach=experienced_already)
        suggested.append(Suggestion(coach, relevance, tuple(reasons), warnings))
    suggested.sort(
        key=lambda s: (
            -s.relevance,
            -EXPERIENCE_ORDER.get(s.coach.experience, 0),
            s.coach.active_practices,
            s.coach.name,
        )
    )
    return Matches(suggested, excluded)


def experience_label(experience: str) -> str:
    return {
        "mentor": "A mentor: experienced, and supports newer coaches",
        "experienced": "Experienced",
        "newly_trained": "Newly trained",
    }.get(experience, experience)


def workload_reason(coach: CoachFacts) -> str:
    load = {0: "Coaches no practice at the moment", 1: "Coaches 1 practice at the moment"}.get(
        coach.active_practices, f"Coaches {coach.active_practices} practices at the moment"
    )
    if coach.protected_hours_per_month:
        return f"{load}, with {coach.protected_hours_per_month} protected hours a month."
    return f"{load}; no protected time recorded."


def sole_new_coach_warnings(coach: CoachFacts, *, has_experienced_co_coach: bool) -> tuple[str, ...]:
    """A newly trained coach must not coach a first project alone (seed 001 rec 1.ii.c)."""
    if coach.experience != "newly_trained":
        return ()
    warnings = []
    if not has_experienced_co_coach:
        warnings.append(
            f"{coach.name} is newly trained and would be the only coach. A newly trained coach should "
            "not be the sole coach on a first project: add an experienced co-coach or mentor as well."
        )
    if not coach.has_mentor:
        warnings.append(f"{coach.name} has no mentor yet: assign one in the coach pool.")
    return tuple(warnings)
