"""When follow-up reviews fall due, and which reminder to send when. Pure logic: no Django; `today` is
always passed in, so the rules are tested with any clock.

The evaluation recommended "formal follow-up, at 6 months and 1 year after completion of a project", and
further follow-up depending "on how embedded the process had become" (seed 001 rec 3.i). The window and
the overdue margin are our design (FOLLOWUP_INSTRUMENTS.md §5): a review's window opens 14 days before it
is due, and it is overdue 28 days after."""

import calendar
from datetime import date, timedelta

SIX_MONTHS = "six_months"
TWELVE_MONTHS = "twelve_months"
FURTHER = "further"
WINDOW_OPENS = timedelta(days=14)
OVERDUE_AFTER = timedelta(days=28)

# Reminder kinds, in the order they are sent.
BEFORE = "before"
DUE = "due"
OVERDUE = "overdue"


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later; the month's last day if it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def review_dates(completed_on: date) -> list[tuple[str, date]]:
    return [(SIX_MONTHS, add_months(completed_on, 6)), (TWELVE_MONTHS, add_months(completed_on, 12))]


def further_review_due(twelve_month_due: date, embedding: str) -> date | None:
    """A further review six months on when the 12-month review found the change only partly embedded or
    at risk; none when it is embedded (or was abandoned, when there is nothing left to follow up)."""
    if embedding in ("partial", "at_risk"):
        return add_months(twelve_month_due, 6)
    return None


def status(due_on: date, held_on: date | None, today: date) -> str:
    """held, upcoming (window not open), open (window open, not yet due), due, or overdue."""
    if held_on is not None:
        return "held"
    if today < due_on - WINDOW_OPENS:
        return "upcoming"
    if today < due_on:
        return "open"
    if today <= due_on + OVERDUE_AFTER:
        return "due"
    return "overdue"


def is_overdue(due_on: date, held_on: date | None, today: date) -> bool:
    return status(due_on, held_on, today) == "overdue"


def reminder_to_send(due_on: date, held_on: date | None, today: date, already_sent: set[str]) -> str | None:
    """The reminder to send today, if any: "before" when the window opens, "due" on the day, "overdue"
    after the margin. Only the latest that applies is sent, so a job that missed some days does not send
    three at once; none once the review is held."""
    current = {"upcoming": None, "held": None, "open": BEFORE, "due": DUE, "overdue": OVERDUE}[
        status(due_on, held_on, today)
    ]
    if current is None or current in already_sent:
        return None
    order = (BEFORE, DUE, OVERDUE)
    if any(order.index(sent) > order.index(current) for sent in already_sent if sent in order):
        return None
    return current
