"""Whether a project met its specific aim, from the results the measures' data gives against each aim
(treat.presenters.aim_rows works them out; this only sums them up). Pure logic: no Django."""

from collections.abc import Sequence

MET, PARTLY, NOT_MET, NOT_KNOWN, NO_AIM = "met", "partly", "not_met", "not_known", "no_aim"
AIM_STATUSES: dict[str, str] = {
    MET: "Aim met",
    PARTLY: "Some aims met",
    NOT_MET: "Aim not met yet",
    NOT_KNOWN: "Not known yet (too little data)",
    NO_AIM: "No specific aim set",
}


def aim_status(results: Sequence[bool | None]) -> str:
    """A project's aims, each met (True), not met (False) or not known (None: no data yet, or a measure
    with no better direction), summed up: met when every aim is met; partly when some are and some are
    not; not met when none is met and one at least is known not met; otherwise not known."""
    if not results:
        return NO_AIM
    if all(r is True for r in results):
        return MET
    if any(r is True for r in results):
        return PARTLY
    if any(r is False for r in results):
        return NOT_MET
    return NOT_KNOWN
