"""The playbook (T5.1): the practice's adopted standard work from every project, kept beyond the project,
for induction and for the follow-up reviews. A fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.treat.models import SDSACycle


@dataclass(frozen=True)
class Entry:
    process: str
    project: str
    project_href: str
    standard: str
    adherence_check: str
    trained: str
    measures: list[str]
    review_on: str
    written_on: str
    project_record: Any = None
    change_href: str = ""
    storyboard_href: str = ""
    # Earlier versions of this standard, newest first: (written on, the standard).
    earlier: list[tuple[str, str]] = field(default_factory=list)

    @property
    def version(self) -> int:
        return len(self.earlier) + 1


def playbook(practice: Organisation) -> list[Entry]:
    standards = (
        SDSACycle.objects.filter(idea__project__practice=practice)
        .exclude(decision="pdsa")
        .select_related("idea__project")
        .prefetch_related("idea__measures__owner")
        .order_by("idea__title", "-created_at", "-id")
    )
    entries: list[Entry] = []
    by_idea: dict[int, Entry] = {}
    for sdsa in standards:
        written = f"{sdsa.created_at.day} {sdsa.created_at:%B %Y}"
        if sdsa.idea_id in by_idea:  # an earlier version of a standard already listed
            by_idea[sdsa.idea_id].earlier.append((written, sdsa.standard))
            continue
        project = sdsa.idea.project
        entry = Entry(
            process=sdsa.idea.title,
            project=project.title,
            project_href=reverse("project-detail", args=[project.public_id]),
            standard=sdsa.standard,
            adherence_check=sdsa.adherence_check,
            trained=sdsa.trained,
            measures=[
                m.name + (f" (collected by {m.owner.full_name})" if m.owner else "")
                for m in sdsa.idea.measures.all()
            ],
            review_on=f"{sdsa.review_on.day} {sdsa.review_on:%B %Y}" if sdsa.review_on else "",
            written_on=written,
            project_record=project,
            change_href=reverse("sdsa-add", args=[project.public_id, sdsa.idea_id]) + "?next=playbook",
            storyboard_href=reverse("storyboard", args=[project.public_id, "a4"]),
        )
        by_idea[sdsa.idea_id] = entry
        entries.append(entry)
    return entries
