"""Changes to a meeting that keep every earlier version: its record and its agenda.

Keyword-only arguments and an explicit `by=`; each save is one transaction with its history written
alongside. A save made from an older version changes nothing and returns False, so the second of two
people editing at once is told instead of overwriting the first."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F

from microsystems.people.models import User

from .actions import record, save_meeting_record
from .models import AgendaItem, Meeting, MeetingRevision

RECORD_FIELDS = ("aim", "notes", "decisions", "score", "went_well", "to_change")
ROLES = ("leader", "facilitator", "timekeeper", "recorder")


def _record_content(fields: Mapping[str, Any]) -> dict[str, Any]:
    content: dict[str, Any] = {name: fields.get(name) for name in RECORD_FIELDS if name in fields}
    for role in ROLES:
        if role in fields:
            person = fields[role]
            content[role] = person.full_name if person is not None else ""
    return content


@transaction.atomic
def save_record(*, meeting: Meeting, fields: Mapping[str, Any], based_on_version: int, by: User) -> bool:
    """Save the meeting's record (roles, notes, decisions, score) and keep this version of it."""
    if not save_meeting_record(meeting=meeting, fields=fields, based_on_version=based_on_version, by=by):
        return False
    MeetingRevision.objects.create(
        meeting=meeting, part=MeetingRevision.Part.RECORD, content=_record_content(fields), saved_by=by
    )
    return True


@transaction.atomic
def save_agenda(
    *, meeting: Meeting, items: Sequence[Mapping[str, Any]], based_on_version: int, by: User
) -> bool:
    """Replace the meeting's agenda with `items` (title, minutes, outcome) and keep this version."""
    updated = Meeting.objects.filter(pk=meeting.pk, agenda_version=based_on_version).update(
        agenda_version=F("agenda_version") + 1
    )
    if not updated:
        return False
    AgendaItem.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                position=position,
                title=item["title"],
                minutes=item["minutes"],
                outcome=item["outcome"],
            )
            for position, item in enumerate(items, start=1)
        ]
    )
    content = {"items": [dict(item) for item in items]}
    MeetingRevision.objects.create(
        meeting=meeting, part=MeetingRevision.Part.AGENDA, content=content, saved_by=by
    )
    total = sum(int(item["minutes"]) for item in items)
    record(
        meeting.project,
        by,
        f"Changed the agenda of meeting {meeting.number}: {len(items)} items, {total} minutes",
        "T1.3",
    )
    return True
